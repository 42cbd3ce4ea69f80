import { expect, test } from '@playwright/test';
import { BANK, GITHUB, STEAM } from './fixtures/otps.ts';
import { createVault, readStore, seedRecords, unlock } from './fixtures/vault.ts';

test('a tampered item is reported and set aside; the rest of the vault opens', async ({ page }) => {
  await createVault(page);
  const [github, bank] = await seedRecords(page, [{ otp: GITHUB }, { otp: BANK, title: 'Bank' }, { otp: STEAM }]);

  // Nothing readable at rest: no issuer, account or title appears in the stored rows.
  const rows = await readStore<{ id: string; envelope: number[] }>(page, 'records');
  const stored = JSON.stringify(rows);
  for (const word of ['GitHub', 'ada@example.com', 'Bank', 'Steam']) expect(stored).not.toContain(word);

  // Flip one bit of one envelope in the real database.
  await page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('tessera');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const store = db.transaction('records', 'readwrite').objectStore('records');
      const get = store.get(id);
      get.onsuccess = () => {
        const row = get.result as { envelope: Uint8Array };
        row.envelope[40]! ^= 0x01;
        store.put(row).onsuccess = () => resolve();
      };
      get.onerror = () => reject(get.error);
    });
    db.close();
  }, bank!);

  await page.reload();
  await unlock(page);
  await expect(page.getByRole('alert').filter({ hasText: '1 item could not be opened' })).toBeVisible();
  await expect(page.locator('.row-name')).toHaveText(['GitHub', 'Steam']);

  // Kept, not deleted: it moved to the quarantine table with its envelope intact.
  const quarantined = await readStore<{ id: string; reason: string; envelope: number[] }>(page, 'quarantine');
  expect(quarantined).toHaveLength(1);
  expect(quarantined[0]?.id).toBe(bank);
  expect(quarantined[0]?.reason).toBe('corrupt-item');
  expect((await readStore<{ id: string }>(page, 'records')).map((r) => r.id).sort()).not.toContain(bank);

  await page.getByRole('link', { name: 'Details' }).click();
  await expect(page.getByRole('heading', { name: 'Items that could not be opened' })).toBeVisible();
  await expect(page.getByText(bank!)).toBeVisible();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByText(bank!)).toBeVisible();
  expect(github).toBeTruthy();
});
