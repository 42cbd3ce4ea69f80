import { expect, test } from '@playwright/test';
import { readStore, unlock } from './fixtures/vault.ts';
import {
  addRecord,
  editRecord,
  newDevice,
  readRecord,
  row,
  serverVault,
  settled,
  showAllItems,
  signUp,
  uniqueEmail,
} from './sync-helpers.ts';

// Faults the sync must survive (docs/web-sync.md, "Faults"), each ending with nothing lost and
// nothing doubled on the server: counted through the API with the device's own session.
test.describe.configure({ timeout: 180_000 });

test('an answer lost after the server applied a push: the retry is idempotent, nothing doubled', async ({
  browser,
  request,
}) => {
  const a = await newDevice(browser);
  await signUp(request, a.page, uniqueEmail('lost-answer'));
  let lost = 0;
  let pushes = 0;
  await a.context.route('**/api/v1/vault/changes', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    pushes++;
    if (lost > 0) return route.continue();
    // The server gets the push and applies it; the answer never reaches the page.
    await route.fetch();
    lost++;
    await route.abort('connectionreset');
  });
  await addRecord(a.page, { title: 'Harbour Mail', username: 'ada@harbour.example', password: 'quay-signal-9' });
  await settled(a);
  // The next run pulled the item back (its own bytes at seq 1) and took it as pushed; had it
  // pushed again first, the server would have answered "applied" without writing.
  expect(lost).toBe(1);
  expect(pushes).toBeGreaterThanOrEqual(1);
  const server = await serverVault(request, a.page);
  // One record, written once: the retry was reported applied at the seq of the first write.
  expect(server).toEqual({ ids: [expect.any(String)], seq: 1 });
  expect((await readStore<{ dirty: number }>(a.page, 'records')).map((r) => r.dirty)).toEqual([0]);
  await a.context.close();
});

test('two tabs of one vault: edits cross over, one push per change, a lock in one locks both', async ({
  browser,
  request,
}) => {
  const a = await newDevice(browser);
  await signUp(request, a.page, uniqueEmail('two-tabs'));
  const pushed: string[] = [];
  await a.context.route('**/api/v1/vault/changes', async (route) => {
    if (route.request().method() === 'POST') {
      for (const change of (route.request().postDataJSON() as { changes: { id: string; baseSeq: number }[] }).changes)
        pushed.push(`${change.id}@${change.baseSeq}`);
    }
    await route.continue();
  });
  const second = await a.context.newPage();
  await second.goto('/');
  await unlock(second);
  await showAllItems(second);
  const tabs = [a, { context: a.context, page: second }];

  await addRecord(a.page, { title: 'Harbour Mail', username: 'ada@harbour.example' });
  await expect(row(second, 'Harbour Mail')).toHaveCount(1);
  await editRecord(second, 'Harbour Mail', { notes: 'written in the second tab' });
  await settled(...tabs);
  expect((await readRecord(a.page, 'Harbour Mail')).notes).toBe('written in the second tab');

  // Both tabs run an engine; the Web Lock lets one push at a time, and the second finds the
  // outbox empty: each change went up once.
  expect(new Set(pushed).size).toBe(pushed.length);
  const server = await serverVault(request, a.page);
  expect(server.ids).toHaveLength(1);
  expect(server.seq).toBe(pushed.length);

  await a.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(second.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await a.context.close();
});
