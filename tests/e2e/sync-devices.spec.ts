import { expect, test } from '@playwright/test';
import {
  addRecord,
  BANK,
  editRecord,
  expectSynced,
  offline,
  online,
  openRecord,
  pair,
  PASSWORD,
  readRecord,
  row,
  settled,
  settledPast,
  uniqueEmail,
} from './sync-helpers.ts';

// Service workers are on in this file, though the suite blocks them by default: a device reloads
// offline, served by the service worker.
test.use({ serviceWorkers: 'allow' });

// Two browser contexts are two devices of one account, syncing through the real worker: live
// updates over the WebSocket, and edits made offline on both merged field by field.
test.describe.configure({ timeout: 120_000 });

test('sign up on A, sign in on B: the vault comes down, and a new record reaches B live', async ({
  browser,
  request,
}) => {
  const { a, b } = await pair(browser, request, uniqueEmail('live'));
  const codeOnA = await row(a.page, BANK.title).locator('.row-code').getAttribute('data-code');
  await expect(row(b.page, BANK.title).locator('.row-code')).toHaveAttribute('data-code', codeOnA!);
  expect(await readRecord(b.page, BANK.title)).toEqual(BANK);

  // No reload on B, and its timer is minutes away while its socket is open: the poke does it.
  const before = await settled(a, b);
  await addRecord(a.page, { title: 'Harbour Mail', username: 'ada@harbour.example', password: 'quay-signal-9' });
  await settledPast(before, a, b);
  await expect(row(b.page, 'Harbour Mail')).toHaveCount(1);
  await expectSynced(b.page);

  // From then on B works offline like any vault.
  await offline(b);
  await b.page.reload();
  await b.page.getByLabel('Master password').fill(PASSWORD);
  await b.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(row(b.page, 'Harbour Mail')).toHaveCount(1, { timeout: 20_000 });
  await expect(b.page.locator('.sync-badge')).toHaveText('Offline');
  await a.context.close();
  await b.context.close();
});

test('offline on both, A changes the password and B the notes: both edits end up on both', async ({
  browser,
  request,
}) => {
  const { a, b } = await pair(browser, request, uniqueEmail('fields'));
  await offline(a, b);
  await editRecord(a.page, BANK.title, { password: 'changed on A, offline' });
  await editRecord(b.page, BANK.title, { notes: 'written on B, offline' });
  await expect(a.page.locator('.sync-badge')).toHaveText('Offline');
  await a.page.locator('.sync-badge').click();
  await expect(a.page.getByTestId('sync-status')).toHaveText('Offline');
  await expect(a.page.locator('.sync-card')).toContainText('1 change waiting to sync');

  await online(a, b);
  // Going online starts a run at once on each device (no backoff left from the offline
  // retries); the second push pokes the first device. Wait for both engines to be done.
  await settled(a, b);
  const expected = { ...BANK, password: 'changed on A, offline', notes: 'written on B, offline' };
  expect(await readRecord(a.page, BANK.title)).toEqual(expected);
  expect(await readRecord(b.page, BANK.title)).toEqual(expected);
  await expectSynced(a.page);
  await expectSynced(b.page);
  await a.context.close();
  await b.context.close();
});

test('both change the title offline: the later edit wins on both and nothing else changes', async ({
  browser,
  request,
}) => {
  const { a, b } = await pair(browser, request, uniqueEmail('same-field'));
  await offline(a, b);
  await editRecord(a.page, BANK.title, { title: 'Lantern Bank (from A)' });
  await editRecord(b.page, BANK.title, { title: 'Lantern Bank (from B)' });
  await online(a, b);
  await settled(a, b);
  // B wrote last: its title wins everywhere (docs/core/vault.md §3, the later stamp).
  for (const device of [a, b]) {
    await expect(row(device.page, 'Lantern Bank (from B)')).toHaveCount(1);
    await expect(row(device.page, 'Lantern Bank (from A)')).toHaveCount(0);
  }
  for (const device of [a, b]) {
    expect(await readRecord(device.page, 'Lantern Bank (from B)')).toEqual({ ...BANK, title: 'Lantern Bank (from B)' });
  }
  await a.context.close();
  await b.context.close();
});

test("A deletes while B edits: on both the record is in Recently deleted with B's edit, and restores", async ({
  browser,
  request,
}) => {
  const { a, b } = await pair(browser, request, uniqueEmail('delete-edit'));
  await offline(a, b);
  await openRecord(a.page, BANK.title);
  await a.page.getByRole('button', { name: 'Delete' }).click();
  await expect(row(a.page, BANK.title)).toHaveCount(0);
  await editRecord(b.page, BANK.title, { notes: 'edited on B while A deleted it' });
  await online(a, b);
  const cursor = await settled(a, b);

  for (const device of [a, b]) {
    await expect(row(device.page, BANK.title)).toHaveCount(0);
    await device.page.goto('/#/deleted');
    await expect(device.page.getByRole('button', { name: `Restore ${BANK.title}` })).toBeVisible();
  }
  await b.page.getByRole('button', { name: `Restore ${BANK.title}` }).click();
  const restored = { ...BANK, notes: 'edited on B while A deleted it' };
  await settledPast(cursor, a, b);
  await expect(row(a.page, BANK.title)).toHaveCount(1);
  for (const device of [a, b]) expect(await readRecord(device.page, BANK.title)).toEqual(restored);
  await a.context.close();
  await b.context.close();
});
