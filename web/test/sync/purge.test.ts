import { deletionSecret } from '@tessera/core/crypto/deletion';
import { randomBytes } from '@tessera/core/crypto/random';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryServer, newDevice, newVault, settle, type Device, type Vault } from './harness.ts';

// Purges through the real engine, vault store, planner and apply, against the in-memory server of
// harness.ts (the real one is tested in worker/test/purge.test.ts and tests/e2e/trash.spec.ts):
// an item removed for good on one device goes from the server and from every other device, and
// only on a proof that the device checks against its own vault key.

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

async function afterEdit(...devices: Device[]) {
  await vi.advanceTimersByTimeAsync(410);
  await settle(...devices);
}

async function pairWithDeleted(): Promise<{ server: MemoryServer; vault: Vault; a: Device; b: Device; id: string }> {
  const server = new MemoryServer();
  const vault = newVault();
  const a = await newDevice(server, vault);
  const b = await newDevice(server, vault);
  await settle(a, b);
  const id = await a.store()!.create({ title: 'Old bank', username: 'ada', password: 'p1', notes: '' });
  await afterEdit(a, b);
  await a.store()!.remove(id);
  await afterEdit(a, b);
  expect(b.store()!.view(id)?.deleted).toBe(true);
  return { server, vault, a, b, id };
}

function idle(device: Device, server: MemoryServer) {
  expect(device.engine.status()).toMatchObject({ state: { kind: 'idle' }, waiting: 0, toMerge: 0, cursor: server.seq });
}

describe('purge', () => {
  it('removes the item from the server and from the other device, which checks the proof', async () => {
    const { server, a, b, id, vault } = await pairWithDeleted();
    await a.store()!.purge([id]);
    // Gone from this device's list and rows at once; the server's copy goes at the next run.
    expect(a.store()!.view(id)).toBeUndefined();
    expect(await a.db.records.get(id)).toBeUndefined();
    await afterEdit(a, b);
    expect(server.items.get(id)).toMatchObject({ envelope: null });
    expect(server.items.get(id)?.proof).toEqual(deletionSecret(vault.vaultKey, id));
    expect(await b.db.records.get(id)).toBeUndefined();
    expect(b.store()!.view(id)).toBeUndefined();
    expect(await a.db.purges.count()).toBe(0);
    idle(a, server);
    idle(b, server);
  });

  it('a locked device parks the purge and removes its copy only at the unlock', async () => {
    const { server, a, b, id } = await pairWithDeleted();
    b.lock();
    await a.store()!.purge([id]);
    await afterEdit(a, b);
    b.engine.syncNow('user');
    await settle(a, b);
    // Locked: the copy is still there, the purge waits in pending.
    expect(await b.db.records.get(id)).toBeDefined();
    expect(await b.db.pending.get(id)).toMatchObject({ envelope: null });
    await b.unlock();
    await settle(b);
    expect(await b.db.records.get(id)).toBeUndefined();
    expect(await b.db.pending.count()).toBe(0);
    idle(b, server);
  });

  it('a purge whose proof does not verify removes nothing: the copy stays and goes back', async () => {
    const { server, b, id } = await pairWithDeleted();
    // A stolen token or a hostile server cannot make the item's secret: any other bytes.
    server.plantPurge(id, randomBytes(32));
    b.engine.syncNow('poke');
    await settle(b);
    expect(b.store()!.view(id)).toMatchObject({ deleted: true, title: 'Old bank' });
    expect(server.items.get(id)?.envelope).not.toBeNull();
    idle(b, server);
  });

  it('a copy restored here meanwhile is kept under a new id; nothing typed here is lost', async () => {
    const { server, a, b, id } = await pairWithDeleted();
    b.online = false;
    await b.store()!.restore(id);
    await a.store()!.purge([id]);
    await afterEdit(a, b);
    b.online = true;
    b.fire.online();
    await settle(a, b);
    expect(await b.db.records.get(id)).toBeUndefined();
    const kept = b
      .store()!
      .records()
      .filter((r) => r.title === 'Old bank');
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ deleted: false, username: 'ada', password: 'p1' });
    await afterEdit(a, b);
    expect(
      a
        .store()!
        .records()
        .find((r) => r.title === 'Old bank')?.id,
    ).toBe(kept[0]!.id);
    idle(a, server);
    idle(b, server);
  });

  it('an item restored on another device before the purge reached the server is not purged', async () => {
    const { server, a, b, id } = await pairWithDeleted();
    a.online = false;
    await a.store()!.purge([id]);
    await b.store()!.restore(id);
    await afterEdit(a, b);
    a.online = true;
    a.fire.online();
    await settle(a, b);
    // A's purge named a seq the restore moved past: a conflict, and A takes the restored item.
    expect(a.store()!.view(id)).toMatchObject({ deleted: false });
    expect(b.store()!.view(id)).toMatchObject({ deleted: false });
    expect(server.items.get(id)?.envelope).not.toBeNull();
    expect(await a.db.purges.count()).toBe(0);
    idle(a, server);
  });

  it('waits while locked and offline, then purges an item pushed before deletion hashes existed', async () => {
    const { server, a, b, id } = await pairWithDeleted();
    // As if the server got the item from a client that sent no hash.
    server.items.get(id)!.hash = null;
    a.online = false;
    await a.store()!.purge([id]);
    a.lock();
    a.online = true;
    a.fire.online();
    await settle(a, b);
    expect(server.items.get(id)?.envelope).not.toBeNull();
    expect(a.engine.status().waiting).toBe(1);
    await a.unlock();
    await settle(a, b);
    expect(server.items.get(id)?.envelope).toBeNull();
    b.engine.syncNow('poke');
    await settle(b);
    expect(await b.db.records.get(id)).toBeUndefined();
    idle(a, server);
  });

  it('an item that never reached the server is only removed here', async () => {
    const server = new MemoryServer();
    const a = await newDevice(server, newVault());
    await settle(a);
    a.online = false;
    const id = await a.store()!.create({ title: 'Draft', username: '', password: '', notes: '' });
    await a.store()!.purge([id]);
    a.online = true;
    a.fire.online();
    await afterEdit(a);
    expect(server.items.has(id)).toBe(false);
    expect(server.purges).toBe(0);
    idle(a, server);
  });
});
