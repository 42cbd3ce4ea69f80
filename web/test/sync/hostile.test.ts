import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomBytes } from '@tessera/core/crypto/random';
import { MemoryServer, newDevice, newVault, settle } from './harness.ts';

// The engine against a server that lies (docs/vault-format.md, "What a hostile server can and
// cannot do"), in Node: the memory server of harness.ts is told to hold a tombstone the app
// never sends, or an envelope that does not open. Whatever it says, no device loses its copy.
// The same lies through the real worker and Chromium: tests/e2e/hostile-server.spec.ts.

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

async function synced() {
  const server = new MemoryServer();
  const vault = newVault();
  const device = await newDevice(server, vault);
  await settle(device);
  const id = await device.store()!.create({ title: 'Bank', username: 'ada', password: 'p1', notes: '' });
  const other = await device.store()!.create({ title: 'Harbour', username: 'ada', password: 'p2', notes: '' });
  await vi.advanceTimersByTimeAsync(410);
  await settle(device);
  expect(await device.db.records.where('dirty').equals(1).count()).toBe(0);
  return { server, device, id, other };
}

/** The server changes an item on its own: a new seq, as if another session had written it. */
function serverWrites(server: MemoryServer, id: string, envelope: Uint8Array | null) {
  server.seq++;
  server.items.set(id, { seq: server.seq, envelope });
}

const garbage = () => Uint8Array.of(1, ...randomBytes(299));

describe('a hostile server', () => {
  it('a tombstone moves the record to Recently deleted and pushes it back; the row is never removed', async () => {
    const { server, device, id } = await synced();
    serverWrites(server, id, null);
    device.engine.syncNow('user');
    await settle(device);
    expect(await device.db.records.get(id)).toBeDefined();
    expect(device.store()!.view(id)).toMatchObject({ title: 'Bank', password: 'p1', deleted: true });
    expect(device.engine.status()).toMatchObject({ trashed: 1, waiting: 0 });
    // Pushed back: the server holds an envelope again, restorable on every device.
    expect(server.items.get(id)?.envelope).not.toBeNull();
    await device.store()!.restore(id);
    expect(device.store()!.view(id)).toMatchObject({ deleted: false, password: 'p1' });
  });

  it("an envelope that does not open, or another item's, is set aside; the device keeps its own", async () => {
    const { server, device, id, other } = await synced();
    const before = await device.db.records.get(id);
    serverWrites(server, id, server.items.get(other)!.envelope);
    serverWrites(server, other, garbage());
    device.engine.syncNow('user');
    await settle(device);
    expect((await device.db.records.get(id))?.envelope).toEqual(before?.envelope);
    expect(device.store()!.view(id)).toMatchObject({ title: 'Bank', password: 'p1', deleted: false });
    expect(device.store()!.view(other)).toMatchObject({ title: 'Harbour', password: 'p2' });
    expect(
      device
        .store()!
        .quarantined()
        .map((item) => [item.id, item.fromServer])
        .sort(),
    ).toEqual(
      [
        [id, true],
        [other, true],
      ].sort(),
    );
    expect(device.engine.status()).toMatchObject({ setAside: 2 });
  });

  it('while locked, a garbage envelope and a tombstone replace nothing; the unlock decides', async () => {
    const { server, device, id, other } = await synced();
    const before = await device.db.records.toArray();
    device.lock();
    serverWrites(server, id, garbage());
    serverWrites(server, other, null);
    device.engine.syncNow('user');
    await settle(device);
    // The stored copies are the ones from before; the server's wait for the unlock.
    expect(await device.db.records.toArray()).toEqual(before);
    expect((await device.db.pending.toArray()).map((row) => [row.id, row.envelope === null]).sort()).toEqual(
      [
        [id, false],
        [other, true],
      ].sort(),
    );

    await device.unlock();
    await settle(device);
    await vi.advanceTimersByTimeAsync(410);
    await settle(device);
    expect(await device.db.pending.count()).toBe(0);
    expect(device.store()!.view(id)).toMatchObject({ title: 'Bank', password: 'p1', deleted: false });
    expect(device.store()!.view(other)).toMatchObject({ title: 'Harbour', deleted: true });
    expect(
      device
        .store()!
        .quarantined()
        .map((item) => item.id),
    ).toEqual([id]);
    expect(device.engine.status()).toMatchObject({ trashed: 1, setAside: 1 });
  });
});
