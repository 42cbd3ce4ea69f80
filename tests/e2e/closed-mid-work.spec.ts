import { expect, test, type Page } from '@playwright/test';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { openImport } from './fixtures/transfer/transfer.ts';
import { createVault, readStore, unlock } from './fixtures/vault.ts';
import { addRecord, newDevice, serverVault, settled, signUp, uniqueEmail } from './sync-helpers.ts';

// The page closed in the middle of work (docs/web-sync.md, "Faults"): the tab is closed by the
// user or killed by the system while an import is being written, or while a push batch is on its
// way. Each write is one IndexedDB transaction, so the next page finds all of it or none of it,
// the vault opens, and the sync finishes what was left: nothing lost, nothing doubled.
test.describe.configure({ timeout: 180_000 });

const LINKS = Array.from({ length: 600 }, (_, i) =>
  formatOtpUri({
    type: 'totp',
    secret: Uint8Array.from({ length: 20 }, (_, b) => (i * 31 + b) & 0xff),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    issuer: `Service ${i + 1}`,
    account: `ada+${i + 1}@example.org`,
  }),
);

/** How many rows the vault's record store holds (counted in the page: the rows themselves are large). */
function recordCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('tessera');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = await new Promise<number>((resolve, reject) => {
      const request = db.transaction('records', 'readonly').objectStore('records').count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return count;
  });
}

test('closed while an import is written: the vault opens with all of it or none of it', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await createVault(page);
  const screen = await openImport(page);
  await screen.getByLabel('otpauth:// or otpauth-migration:// links, one per line').fill(LINKS.join('\n'));
  await screen.getByRole('button', { name: 'Read the links' }).click();
  await screen.getByRole('button', { name: `Import ${LINKS.length} entries` }).click();
  // Closed at once: the records are being sealed or written, or the write has just ended.
  await page.close();

  const again = await context.newPage();
  await again.goto('/');
  await unlock(again);
  const count = await recordCount(again);
  expect([0, LINKS.length]).toContain(count);
  if (count === 0) {
    // Nothing was kept, so the same import again brings everything, once.
    const retry = await openImport(again);
    await retry.getByLabel('otpauth:// or otpauth-migration:// links, one per line').fill(LINKS.join('\n'));
    await retry.getByRole('button', { name: 'Read the links' }).click();
    await retry.getByRole('button', { name: `Import ${LINKS.length} entries` }).click();
    await expect(retry.getByRole('button', { name: 'Show the codes' })).toBeVisible({ timeout: 60_000 });
  }
  expect(await recordCount(again)).toBe(LINKS.length);
  await context.close();
});

test('closed with a push batch applied but unanswered: the next page finishes it, each record once', async ({
  browser,
  request,
}) => {
  const a = await newDevice(browser);
  await signUp(request, a.page, uniqueEmail('closed-mid-push'));
  await a.context.setOffline(true);
  const titles = ['Harbour Mail', 'Quay Bank', 'Lantern Cloud'];
  for (const title of titles) await addRecord(a.page, { title });

  let held = 0;
  let applied = (): void => undefined;
  const reached = new Promise<void>((resolve) => {
    applied = resolve;
  });
  await a.context.route('**/api/v1/vault/changes', async (route) => {
    if (route.request().method() !== 'POST' || held > 0) return route.continue();
    held++;
    // The server applies the batch; the page is closed before the answer arrives.
    await route.fetch();
    applied();
    await route.abort('connectionreset').catch(() => undefined);
  });
  await a.context.setOffline(false);
  await reached;
  await a.page.close();

  const page = await a.context.newPage();
  await page.goto('/');
  await unlock(page);
  await settled({ context: a.context, page });
  // Each record once, written once (seq 3): the retried batch did not write again.
  const server = await serverVault(request, page);
  expect(new Set(server.ids).size).toBe(3);
  expect(server).toEqual({ ids: [expect.any(String), expect.any(String), expect.any(String)], seq: 3 });
  expect((await readStore<{ dirty: number }>(page, 'records')).map((r) => r.dirty)).toEqual([0, 0, 0]);
  await a.context.close();
});
