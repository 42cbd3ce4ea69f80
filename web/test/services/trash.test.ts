import 'fake-indexeddb/auto';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type VaultMetaRow } from '../../src/services/db.ts';
import { DEFAULT_SETTINGS } from '../../src/services/settings.ts';
import { expiredIds, startTrashRetention } from '../../src/services/trash.ts';
import { openVaultStore, type VaultStore } from '../../src/services/vault-store.ts';

// The retention period of Recently deleted (src/services/trash.ts) over a real vault store on
// fake-indexeddb: what is deleted longer ago than the setting goes for good at the unlock, what
// is newer or not deleted stays, and 0 keeps everything.

const DAY = 86_400_000;

afterEach(() => {
  vi.useRealTimers();
});

async function vaultWith(days: number) {
  const db = openDb(`trash-test-${randomId()}`);
  const meta: VaultMetaRow = {
    key: 'vault',
    format: 1,
    vaultId: randomId(),
    salt: randomBytes(16),
    kdf: { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 },
    wrappedVaultKey: new Uint8Array(0),
    deviceId: randomId(),
    clock: null,
  };
  await db.meta.put(meta);
  const key = randomBytes(32);
  const store = await openVaultStore(db, meta, key.slice());
  return { db, meta, key, store, settings: { trashRetentionDays: days } };
}

describe('retention of Recently deleted', () => {
  it('defaults to 30 days', () => {
    expect(DEFAULT_SETTINGS.trashRetentionDays).toBe(30);
  });

  it('picks deleted records older than the period, none when it is 0', () => {
    const now = Date.UTC(2026, 11, 7);
    const view = (id: string, deleted: boolean, age: number) =>
      ({ id, deleted, updatedAt: now - age * DAY }) as Parameters<typeof expiredIds>[0][number];
    const records = [view('old', true, 31), view('new', true, 29), view('live', false, 400), view('edge', true, 30)];
    expect(expiredIds(records, now, 30)).toEqual(['old', 'edge']);
    expect(expiredIds(records, now, 0)).toEqual([]);
  });

  it('purges expired records at the unlock, keeps the rest, and queues nothing without an account', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(Date.UTC(2026, 0, 1));
    const { db, meta, key, store, settings } = await vaultWith(30);
    const old = await store.create({ title: 'Old forum', username: '', password: '', notes: '' });
    await store.remove(old);
    vi.setSystemTime(Date.UTC(2026, 1, 15));
    const recent = await store.create({ title: 'Recent', username: '', password: '', notes: '' });
    await store.remove(recent);
    const live = await store.create({ title: 'Bank', username: '', password: '', notes: '' });
    store.close();

    const [current, setCurrent] = createSignal<VaultStore | null>(null);
    const stop = startTrashRetention({ store: current }, settings);
    const reopened = await openVaultStore(db, meta, key.slice());
    setCurrent(reopened);
    await vi.waitFor(async () => expect(await db.records.get(old)).toBeUndefined());
    expect(reopened.view(old)).toBeUndefined();
    expect(reopened.view(recent)?.deleted).toBe(true);
    expect(reopened.view(live)?.deleted).toBe(false);
    expect(await db.purges.count()).toBe(0);
    // An hour later, with the period shortened to 7 days elsewhere in Settings: the next sweep.
    settings.trashRetentionDays = 7;
    vi.setSystemTime(Date.UTC(2026, 1, 23));
    vi.advanceTimersByTime(60 * 60_000);
    await vi.waitFor(async () => expect(await db.records.get(recent)).toBeUndefined());
    expect(reopened.view(live)?.deleted).toBe(false);
    stop();
    reopened.close();
  });

  it('with a sync account, a purge is queued for the server with the last copy', async () => {
    const { db, store } = await vaultWith(30);
    await db.account.put({
      key: 'account',
      email: 'ada@example.org',
      vaultId: store.vaultId,
      deviceName: 'test',
      token: 'a.b',
      sessionId: randomId(),
      cursor: '0',
      signedOutReason: null,
      lastSyncedAt: null,
    });
    const id = await store.create({ title: 'Forum', username: '', password: '', notes: '' });
    await db.records.update(id, { seq: 7, dirty: 0 });
    const row = await db.records.get(id);
    await store.purge([id]);
    expect(await db.records.get(id)).toBeUndefined();
    expect(await db.purges.get(id)).toEqual({ id, seq: 7, envelope: row!.envelope });
    store.close();
  });
});
