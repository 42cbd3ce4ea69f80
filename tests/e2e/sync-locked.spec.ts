import { expect, test } from '@playwright/test';
import { readStore } from './fixtures/vault.ts';
import {
  addRecord,
  BANK,
  editRecord,
  expectSynced,
  offline,
  online,
  pair,
  readRecord,
  row,
  settled,
  uniqueEmail,
} from './sync-helpers.ts';

// A locked device moves ciphertext only: what has no local change is stored as it comes, and a
// server copy that meets a local change waits in the pending table until the unlock merges it.
test.describe.configure({ timeout: 120_000 });

test('while locked, B stores what A changed and keeps the conflict for the unlock, which merges it', async ({
  browser,
  request,
}) => {
  const { a, b } = await pair(browser, request, uniqueEmail('locked'));
  await offline(b);
  await editRecord(b.page, BANK.title, { notes: 'edited on B while locked' });
  await b.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(b.page.getByRole('button', { name: 'Unlock' })).toBeVisible();

  await editRecord(a.page, BANK.title, { username: 'ada.lovelace' });
  await addRecord(a.page, { title: 'Pier Locker', password: 'locker-code-3141' });
  await expectSynced(a.page);

  await online(b);
  // Locked: the new record's envelope is stored, the changed one waits for the unlock.
  await expect
    .poll(async () => (await readStore<{ id: string }>(b.page, 'pending')).length, { timeout: 20_000 })
    .toBe(1);
  await expect.poll(async () => (await readStore<{ id: string }>(b.page, 'records')).length).toBe(2);

  await b.page.getByLabel('Master password').fill('violet tractor 42 meadow lantern');
  await b.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(row(b.page, 'Pier Locker')).toHaveCount(1, { timeout: 20_000 });
  await expectSynced(b.page);
  expect(await readStore(b.page, 'pending')).toEqual([]);
  const merged = { ...BANK, username: 'ada.lovelace', notes: 'edited on B while locked' };
  expect(await readRecord(b.page, BANK.title)).toEqual(merged);
  await settled(a, b);
  expect(await readRecord(a.page, BANK.title)).toEqual(merged);
  await a.context.close();
  await b.context.close();
});
