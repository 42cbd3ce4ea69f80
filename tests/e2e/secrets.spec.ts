import { expect, test, type Page } from '@playwright/test';
import { createVault, unlock } from './fixtures/vault.ts';
import { addRecord, BANK, BANK_KEY, row } from './sync-helpers.ts';

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
