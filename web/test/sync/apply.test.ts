import 'fake-indexeddb/auto';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import { isTesseraError } from '@tessera/core/errors';
import type { ServerItem } from '@tessera/core/sync/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type TesseraDb, type VaultMetaRow } from '../../src/services/db.ts';
import { applyAcks, applyIncoming, mergePending, type Incoming, type Keys } from '../../src/services/sync/apply.ts';
import { loadRevMemory } from '../../src/services/sync/rev-memory.ts';
import { openVaultStore, type VaultStore } from '../../src/services/vault-store.ts';

// What sync writes into IndexedDB (src/services/sync/apply.ts), in Node: real Dexie over
// fake-indexeddb, real vault stores and core crypto. Two devices of one vault: B makes the
// server's copies (its sealed rows, as the server would hand them on), A applies them. The
// outcomes are what a user would notice: what A shows, what waits to be pushed (dirty rows, the
// outbox), what is set aside, and that nothing is removed on the server's word.

interface Device {
  db: TesseraDb;
  store: VaultStore | null;
  unlock(): Promise<VaultStore>;
  lock(): void;
}

const devices: Device[] = [];

async function pair(): Promise<[Device, Device]> {
  const vaultId = randomId();
  const vaultKey = randomBytes(32);
  const make = async (): Promise<Device> => {
    const db = openDb(`apply-test-${randomId()}`);
    const meta: VaultMetaRow = {
      key: 'vault',
      format: 1,
      vaultId,
      salt: randomBytes(16),
      kdf: { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 },
      wrappedVaultKey: new Uint8Array(0),
      deviceId: randomId(),
      clock: null,
    };
    await db.meta.put(meta);
    const device: Device = {
      db,
      store: null,
      async unlock() {
        // Two devices, not two tabs: no channel between them.
        device.store = await openVaultStore(db, (await db.meta.get('vault'))!, vaultKey.slice(), {
          openChannel: () => null,
        });
        return device.store;
      },
      lock() {
        device.store?.close();
        device.store = null;
      },
    };
    devices.push(device);
    await device.unlock();
    return device;
  };
  return [await make(), await make()];
}

afterEach(async () => {
  for (const device of devices.splice(0)) {
    device.lock();
    device.db.close();
    await device.db.delete();
  }
});

/** Runs `task` with the device's sync tools, as the engine does (inside the store's write queue). */
function withKeys<T>(device: Device, task: (keys: Keys) => Promise<T>): Promise<T> {
  return device.store!.exclusive(async (tools) => {
    const revs = await loadRevMemory(device.db, tools);
    const result = await task({ tools, revs });
    await revs.save();
    return result;
  });
}

/** Applies a pulled page to an unlocked device and shows the rows it wrote, as the engine does. */
async function pull(device: Device, items: Incoming[], cursor?: string) {
  const applied = await withKeys(device, (keys) => applyIncoming(device.db, items, keys, cursor));
  await device.store!.refresh(applied.ids);
  return applied;
}

/** The server's copy of `id`: the row as `from` sealed it, at `seq`. */
async function serverCopy(
  from: Device,
  id: string,
  seq: number,
): Promise<Extract<ServerItem, { envelope: Uint8Array }>> {
  const row = (await from.db.records.get(id))!;
  return { id, seq, envelope: row.envelope };
}

/** The server acknowledged a push of these rows at these seqs: they leave the outbox. */
async function acked(device: Device, applied: { id: string; seq: number }[]) {
  const rows = await device.db.records.bulkGet(applied.map((a) => a.id));
  const sent = new Map(rows.map((row) => [row!.id, row!.envelope]));
  await withKeys(device, (keys) => applyAcks(device.db, sent, applied, keys));
}

/** An item both devices hold, synced at seq 1 and clean on both. */
async function shared(a: Device, b: Device, title = 'Bank') {
  const id = await b.store!.create({ title, username: 'ada', password: 'p1', notes: '' });
  await acked(b, [{ id, seq: 1 }]);
  await pull(a, [await serverCopy(b, id, 1)]);
  return id;
}

async function row(device: Device, id: string) {
  return device.db.records.get(id);
}

async function cursor(device: Device) {
  return (await device.db.account.get('account'))?.cursor;
}

async function withAccount(device: Device, cursorValue = '0') {
  await device.db.account.put({
    key: 'account',
    email: 'ada@example.org',
    vaultId: device.store!.vaultId,
    deviceName: 'test',
    token: 'token',
    sessionId: randomId(),
    cursor: cursorValue,
    signedOutReason: null,
    lastSyncedAt: null,
  });
}

describe('applyIncoming, unlocked', () => {
  it('takes a server copy of an item it lacks, clean (nothing to push), and moves the cursor with it', async () => {
    const [a, b] = await pair();
    await withAccount(a);
    const id = await b.store!.create({ title: 'Mail', username: 'ada', password: 'p', notes: '' });
    const applied = await pull(a, [await serverCopy(b, id, 7)], '7');
    expect(applied.ids).toEqual([id]);
    expect(a.store!.view(id)).toMatchObject({ title: 'Mail', deleted: false });
    expect(await row(a, id)).toMatchObject({ seq: 7, dirty: 0 });
    expect(await cursor(a)).toBe('7');
  });

  it('changes nothing on the echo of its own pushed copy', async () => {
    const [a, b] = await pair();
    const id = await shared(a, b);
    const before = await row(a, id);
    const applied = await pull(a, [{ id, seq: 1, envelope: before!.envelope }]);
    expect(applied.ids).toEqual([]);
    expect(await row(a, id)).toEqual(before);
  });

  it('merges a local change with the server edit of another field and queues the merge on the server seq', async () => {
    const [a, b] = await pair();
    const id = await shared(a, b);
    await a.store!.update(id, { password: 'changed on A' });
    await b.store!.update(id, { notes: 'written on B' });
    const applied = await pull(a, [await serverCopy(b, id, 2)]);
    expect(applied.ids).toEqual([id]);
    expect(a.store!.view(id)).toMatchObject({ password: 'changed on A', notes: 'written on B' });
    // Queued to push on top of seq 2, so the next push is not a conflict.
    expect(await row(a, id)).toMatchObject({ seq: 2, dirty: 1 });
  });

  it('takes a server edit over a clean copy as is: nothing to push', async () => {
    const [a, b] = await pair();
    const id = await shared(a, b);
    await b.store!.update(id, { title: 'Bank (joint)' });
    const server = await serverCopy(b, id, 2);
    await pull(a, [server]);
    expect(a.store!.view(id)?.title).toBe('Bank (joint)');
    expect(await row(a, id)).toEqual({ id, envelope: server.envelope, seq: 2, dirty: 0 });
  });

  it('moves a clean copy to Recently deleted on a server tombstone and pushes it back; the row stays', async () => {
    const [a, b] = await pair();
    await withAccount(a, '1');
    const id = await shared(a, b);
    const applied = await pull(a, [{ id, seq: 2, deleted: true }], '2');
    expect(applied.trashed).toBe(1);
    expect(a.store!.view(id)).toMatchObject({ title: 'Bank', password: 'p1', deleted: true });
    expect(await row(a, id)).toMatchObject({ seq: 2, dirty: 1 });
    expect(await cursor(a)).toBe('2');
  });

  it('keeps a copy with a local change over a tombstone, queued on its seq (the push brings the item back)', async () => {
    const [a, b] = await pair();
    const id = await shared(a, b);
    await a.store!.update(id, { notes: 'still mine' });
    const before = await row(a, id);
    await pull(a, [{ id, seq: 2, deleted: true }]);
    expect(a.store!.view(id)).toMatchObject({ notes: 'still mine', deleted: false });
    expect(await row(a, id)).toEqual({ ...before, seq: 2, dirty: 1 });
  });

  it('sets aside a server copy that does not open, once, and keeps its own copy', async () => {
    const [a, b] = await pair();
    const id = await shared(a, b);
    await b.store!.update(id, { title: 'Tampered' });
    const server = await serverCopy(b, id, 2);
    const broken = server.envelope.slice();
    broken[broken.length - 1]! ^= 1;
    const page = [{ id, seq: 2, envelope: broken }];
    expect((await pull(a, page)).setAside).toBe(1);
    // The same page pulled again (a cursor reset) keeps one copy aside, not two.
    await pull(a, page);
    const aside = await a.db.quarantine.toArray();
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatchObject({ id, seq: 2, fromServer: true });
    expect(a.store!.view(id)?.title).toBe('Bank');
    expect(await row(a, id)).toMatchObject({ seq: 2, dirty: 0 });
  });

  it('counts a rollback and pushes back the newer copy this device had seen', async () => {
    const [a, b] = await pair();
    const id = await shared(a, b);
    const old = await serverCopy(b, id, 1);
    await b.store!.update(id, { password: 'p2' });
    await acked(b, [{ id, seq: 2 }]);
    await pull(a, [await serverCopy(b, id, 2)]);
    // The server hands back the first copy again, under a new seq.
    const applied = await pull(a, [{ ...old, seq: 3 }]);
    expect(applied.rollbacks).toBe(1);
    expect(a.store!.view(id)?.password).toBe('p2');
    expect(await row(a, id)).toMatchObject({ seq: 3, dirty: 1 });
  });

  it('applies none of a page when the vault locks in the middle of it: rows and cursor as before', async () => {
    const [a, b] = await pair();
    await withAccount(a, '1');
    const first = await shared(a, b, 'First');
    const second = await shared(a, b, 'Second');
    await b.store!.update(first, { notes: 'one' });
    await b.store!.update(second, { notes: 'two' });
    const page = [await serverCopy(b, first, 2), await serverCopy(b, second, 3)];
    const before = await a.db.records.toArray();
    const failure = await a.store!.exclusive(async (tools) => {
      const revs = await loadRevMemory(a.db, tools);
      // The real tools; the lock comes between the first item and the second.
      const locking = {
        ...tools,
        openRecord(id: string, envelope: Uint8Array) {
          if (id === second) a.lock();
          return tools.openRecord(id, envelope);
        },
      };
      return applyIncoming(a.db, page, { tools: locking, revs }, '3').catch((error: unknown) => error);
    });
    expect(isTesseraError(failure, 'vault-locked')).toBe(true);
    expect(await a.db.records.toArray()).toEqual(before);
    expect(await cursor(a)).toBe('1');
  });
});

describe('applyIncoming, locked, and the unlock after', () => {
  it('replaces nothing it holds: copies and tombstones wait, and the unlock takes or trashes them', async () => {
    const [a, b] = await pair();
    await withAccount(a, '2');
    const edited = await shared(a, b, 'Edited');
    const removed = await shared(a, b, 'Removed');
    await b.store!.update(edited, { title: 'Edited on B' });
    const newcomer = await b.store!.create({ title: 'New on B', username: '', password: '', notes: '' });
    const page: Incoming[] = [
      await serverCopy(b, edited, 3),
      { id: removed, seq: 4, deleted: true },
      await serverCopy(b, newcomer, 5),
    ];
    const held = await a.db.records.bulkGet([edited, removed]);
    a.lock();

    const applied = await applyIncoming(a.db, page, null, '5');
    expect(applied.deferred).toBe(2);
    expect(await a.db.records.bulkGet([edited, removed])).toEqual(held);
    // An item it did not have is stored as it came.
    expect(await row(a, newcomer)).toMatchObject({ seq: 5, dirty: 0 });
    expect(await a.db.pending.count()).toBe(2);
    expect(await cursor(a)).toBe('5');

    await a.unlock();
    const merged = await withKeys(a, (keys) => mergePending(a.db, keys));
    await a.store!.refresh(merged.ids);
    expect(a.store!.view(edited)).toMatchObject({ title: 'Edited on B', deleted: false });
    expect(await row(a, edited)).toMatchObject({ seq: 3, dirty: 0 });
    expect(a.store!.view(removed)).toMatchObject({ title: 'Removed', deleted: true });
    expect(await row(a, removed)).toMatchObject({ seq: 4, dirty: 1 });
    expect(a.store!.view(newcomer)?.title).toBe('New on B');
    expect(await a.db.pending.count()).toBe(0);
  });

  it('merges a waiting copy with a local change at the unlock and queues the merge', async () => {
    const [a, b] = await pair();
    const id = await shared(a, b);
    await a.store!.update(id, { password: 'changed on A' });
    await b.store!.update(id, { notes: 'written on B' });
    a.lock();
    await applyIncoming(a.db, [await serverCopy(b, id, 2)], null);
    await a.unlock();
    expect(a.store!.view(id)?.notes).toBe('');
    const merged = await withKeys(a, (keys) => mergePending(a.db, keys));
    await a.store!.refresh(merged.ids);
    expect(a.store!.view(id)).toMatchObject({ password: 'changed on A', notes: 'written on B' });
    expect(await row(a, id)).toMatchObject({ seq: 2, dirty: 1 });
    expect(await a.db.pending.count()).toBe(0);
  });

  it('drops a waiting copy once a later plan rebases over it (it would otherwise wait for ever)', async () => {
    const [a, b] = await pair();
    const id = await shared(a, b);
    await a.store!.update(id, { notes: 'mine' });
    await b.store!.update(id, { title: 'Theirs' });
    a.lock();
    await applyIncoming(a.db, [await serverCopy(b, id, 2)], null);
    expect(await a.db.pending.count()).toBe(1);
    await applyIncoming(a.db, [{ id, seq: 3, deleted: true }], null);
    expect(await a.db.pending.count()).toBe(0);
    expect(await row(a, id)).toMatchObject({ seq: 3, dirty: 1 });
    await a.unlock();
    expect(a.store!.view(id)).toMatchObject({ title: 'Bank', notes: 'mine', deleted: false });
  });
});

describe('applyAcks', () => {
  it('takes acknowledged rows out of the outbox, but keeps one edited since it was sent, on the new seq', async () => {
    const [a] = await pair();
    const kept = await a.store!.create({ title: 'Sent', username: '', password: '', notes: '' });
    const edited = await a.store!.create({ title: 'Sent, then edited', username: '', password: '', notes: '' });
    const rows = await a.db.records.bulkGet([kept, edited]);
    const sent = new Map(rows.map((r) => [r!.id, r!.envelope]));
    // A local edit lands while the push is on its way.
    await a.store!.update(edited, { notes: 'typed during the push' });
    await withKeys(a, (keys) =>
      applyAcks(
        a.db,
        sent,
        [
          { id: kept, seq: 4 },
          { id: edited, seq: 5 },
        ],
        keys,
      ),
    );
    expect(await row(a, kept)).toMatchObject({ seq: 4, dirty: 0 });
    expect(await row(a, edited)).toMatchObject({ seq: 5, dirty: 1 });
    expect(a.store!.view(edited)?.notes).toBe('typed during the push');
  });
});
