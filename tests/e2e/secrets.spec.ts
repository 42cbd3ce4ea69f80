import { expect, test, type Page } from '@playwright/test';
import { createVault, unlock } from './fixtures/vault.ts';
import {
  addRecord,
  BANK,
  BANK_KEY,
  expectSynced,
  fillSignIn,
  newDevice,
  PASSWORD,
  row,
  signUp,
  turnOnEmailTwoFactor,
  uniqueEmail,
} from './sync-helpers.ts';

// Keys leave memory on lock (docs/web.md, "Keys in memory"). The page registers every master
// key, kek, authKey and vault key it makes with web/src/services/key-audit.ts through a WeakRef,
// and `window.__tesseraKeyAudit()` counts how many are still reachable and not all zeros, and
// whether the crypto worker (whose WebAssembly memory held Argon2id's last blocks) still runs.
// Garbage collection is forced through the DevTools protocol before each count.
interface KeyAudit {
  made: number;
  live: number;
  nonZero: number;
  cryptoWorker: boolean;
}

async function keyAudit(page: Page): Promise<KeyAudit> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  return page.evaluate(() => (window as unknown as { __tesseraKeyAudit: () => KeyAudit }).__tesseraKeyAudit());
}

async function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

test('after lock and after auto-lock no key is left in the page or the crypto worker, and the copied code is cleared', async ({
  context,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.clock.install();
  await createVault(page);
  await addRecord(page, BANK, BANK_KEY);
  await page.goto('/#/');

  const open = await keyAudit(page);
  // The vault key and the automatic backups' kek (docs/web.md, "Automatic backups") are held
  // while unlocked; the derivation's master key, kek and authKey are not.
  expect(open.nonZero).toBe(2);
  expect(open.cryptoWorker).toBe(true);

  // Copy the code, then lock by hand.
  await row(page, BANK.title).locator('.row-main').click();
  await expect.poll(() => clipboardText(page)).toMatch(/^\d{6}$/);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Tessera' })).toBeVisible();
  await expect.poll(() => clipboardText(page)).toBe('');
  const locked = await keyAudit(page);
  expect(locked.made).toBeGreaterThanOrEqual(4);
  expect(locked).toMatchObject({ nonZero: 0, cryptoWorker: false });

  // Unlock, copy again, then let the idle timer lock it (5 minutes by default).
  await unlock(page);
  expect((await keyAudit(page)).nonZero).toBe(2);
  await row(page, BANK.title).locator('.row-main').click();
  await expect.poll(() => clipboardText(page)).toMatch(/^\d{6}$/);
  await page.clock.fastForward('05:10');
  await expect(page.getByText('Locked after 5 minutes without activity.')).toBeVisible();
  await expect.poll(() => clipboardText(page)).toBe('');
  expect(await keyAudit(page)).toMatchObject({ nonZero: 0, cryptoWorker: false });
});

test('the key that unwraps the vault key is held during the second step only until it is cancelled', async ({
  browser,
  request,
}) => {
  const email = uniqueEmail('held-kek');
  const a = await newDevice(browser);
  await signUp(request, a.page, email);
  await a.page.goto('/#/');
  await addRecord(a.page, BANK, BANK_KEY);
  await expectSynced(a.page);
  await turnOnEmailTwoFactor(request, a.page, email);

  // B has the password right and waits at the second step: the kek that will unwrap the vault
  // key is held for the step (docs/web-sync.md).
  const b = await newDevice(browser);
  await b.page.goto('/#/signin');
  await fillSignIn(b.page, email, PASSWORD, 'Device B');
  await expect(b.page.getByRole('heading', { name: 'Second step' })).toBeVisible({ timeout: 60_000 });
  expect((await keyAudit(b.page)).nonZero).toBeGreaterThan(0);

  // Cancelling the step wipes it at once, not when the attempt would have expired.
  await b.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(b.page.getByRole('heading', { name: 'Second step' })).toHaveCount(0);
  expect(await keyAudit(b.page)).toMatchObject({ nonZero: 0 });
  await a.context.close();
  await b.context.close();
});
