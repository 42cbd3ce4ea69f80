import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryServer, newDevice, newVault, settle, type Device } from './harness.ts';

// The sync engine (src/services/sync/engine.ts) in Node: real Dexie over fake-indexeddb, the
// real vault store and planner, fake timers, and the in-memory server of harness.ts.

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const EDIT_DELAY = 400;

/** Lets the edit delay pass and every run finish. */
async function afterEdit(...devices: Device[]) {
  await vi.advanceTimersByTimeAsync(EDIT_DELAY + 10);
  await settle(...devices);
}

async function pairOf(server = new MemoryServer()) {
  const vault = newVault();
  const a = await newDevice(server, vault);
  const b = await newDevice(server, vault);
  await settle(a, b);
  const id = await a.store()!.create({ title: 'Bank', username: 'ada', password: 'p1', notes: '' });
  await afterEdit(a, b);
  await settle(a, b);
  return { server, a, b, id };
}

function expectSettled(server: MemoryServer, ...devices: Device[]) {
  for (const device of devices) {
    expect(device.engine.status()).toMatchObject({
      state: { kind: 'idle' },
      waiting: 0,
      toMerge: 0,
      cursor: server.seq,
    });
  }
}

describe('sync engine', () => {
  it('brings a new record to the other device through the socket poke, idle at the server seq', async () => {
    const { server, a, b, id } = await pairOf();
    expect(server.items.size).toBe(1);
    expect(b.store()!.view(id)).toMatchObject({ title: 'Bank', password: 'p1' });
    expectSettled(server, a, b);
  });

  it('merges edits made offline on both (a round with a conflict); nothing lost, nothing doubled', async () => {
    const { server, a, b, id } = await pairOf();
    a.online = false;
    b.online = false;
    a.fire.offline();
    b.fire.offline();
    await a.store()!.update(id, { password: 'changed on A' });
    await vi.advanceTimersByTimeAsync(1_000);
    await b.store()!.update(id, { notes: 'written on B' });
    await afterEdit(a, b);
    expect(a.engine.status().state.kind).toBe('offline');

    a.online = true;
    a.fire.online();
    await settle(a, b);
    b.online = true;
    b.fire.online();
    await settle(a, b);
    // B's push met A's change (a conflict), merged, pushed the merge; A pulled it on the poke.
    for (const device of [a, b])
      expect(device.store()!.view(id)).toMatchObject({ password: 'changed on A', notes: 'written on B' });
    expect(server.items.size).toBe(1);
    expect(server.seq).toBe(3);
    expectSettled(server, a, b);
  });

  it('retries after a failed push with backoff, then pushes once', async () => {
    const { server, a, b } = await pairOf();
    server.failNext = 1;
    const pushes = server.pushes;
    const id = await a.store()!.create({ title: 'Mail' });
    await afterEdit(a, b);
    expect(a.engine.status()).toMatchObject({ state: { kind: 'error', code: 'network' }, waiting: 1 });
    expect(server.items.has(id)).toBe(false);
    // First retry: 1 s base, equal jitter at random 0.5 → 750 ms.
    await vi.advanceTimersByTimeAsync(749);
    expect(server.pushes).toBe(pushes);
    await vi.advanceTimersByTimeAsync(2);
    await settle(a, b);
    expect(server.items.has(id)).toBe(true);
    expect(b.store()!.view(id)?.title).toBe('Mail');
    expectSettled(server, a, b);
  });

  it('an answer lost after the server applied a push: the retry is idempotent, nothing doubled', async () => {
    const { server, a, b, id } = await pairOf();
    server.loseNextAnswer = true;
    await a.store()!.update(id, { notes: 'once' });
    await afterEdit(a, b);
    expect(server.seq).toBe(2);
    expect(a.engine.status().waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await settle(a, b);
    // The same bytes on the old base seq: reported applied at seq 2, nothing written again.
    expect(server.seq).toBe(2);
    expect(server.items.size).toBe(1);
    expect(b.store()!.view(id)?.notes).toBe('once');
    expectSettled(server, a, b);
  });

  it('going online syncs at once: no backoff carried over from the offline period', async () => {
    const { server, a, b } = await pairOf();
    a.online = false;
    a.fire.offline();
    const id = await a.store()!.create({ title: 'Made offline' });
    await afterEdit(a);
    // A minute of failed retries: the next one is now tens of seconds away.
    await vi.advanceTimersByTimeAsync(60_000);
    await settle(a);
    const pulls = server.pulls;
    a.online = true;
    a.fire.online();
    await settle(a, b);
    expect(server.pulls).toBeGreaterThan(pulls);
    expect(server.items.has(id)).toBe(true);
    expect(b.store()!.view(id)?.title).toBe('Made offline');
    expectSettled(server, a, b);

    // And the backoff starts over: a failure now retries after the first step (750 ms).
    server.failNext = 1;
    await a.store()!.update(id, { notes: 'after' });
    await afterEdit(a, b);
    expect(a.engine.status().state.kind).toBe('error');
    await vi.advanceTimersByTimeAsync(760);
    await settle(a, b);
    expect(b.store()!.view(id)?.notes).toBe('after');
  });

  it('a socket that reopens starts a sync at once (pokes missed while it was down)', async () => {
    const { server, a, b, id } = await pairOf();
    // B's socket drops; the server cannot poke it any more.
    const dropped = b.sockets.at(-1)!;
    dropped.close(1006);
    await settle(a, b);
    await a.store()!.update(id, { username: 'ada.lovelace' });
    a.engine.syncNow('user');
    await settle(a, b);
    expect(server.seq).toBe(2);
    expect(b.store()!.view(id)?.username).toBe('ada');
    // The socket's own backoff (0.5 s, jitter 0.5 → 375 ms) brings a new one; its hello says
    // seq 2, past B's cursor: B pulls without waiting for its 30 s timer.
    await vi.advanceTimersByTimeAsync(400);
    await settle(a, b);
    expect(b.store()!.view(id)?.username).toBe('ada.lovelace');
    expectSettled(server, a, b);
  });

  it('a poke that lands as a run ends starts another run: the device does not sit behind', async () => {
    const { server, a, b, id } = await pairOf();
    // B's edit, sealed on B while it is offline: what B's push will put on the server.
    b.online = false;
    b.fire.offline();
    await b.store()!.update(id, { notes: 'written on B' });
    const sealed = (await b.db.records.get(id))!.envelope;
    // A runs; the moment its run has pulled and is telling its other tabs, B's push lands on the
    // server and the server pokes A (seen in a loaded e2e run: both idle, A a seq behind).
    a.onRunEnd = () => {
      a.onRunEnd = null;
      const stored = server.items.get(id)!;
      server.seq += 1;
      server.items.set(id, { ...stored, seq: server.seq, envelope: sealed });
      a.sockets.at(-1)!.receive({ type: 'changed', seq: server.seq });
    };
    a.engine.syncNow('user');
    await settle(a);
    // No timer moved: only the poke can have brought B's edit.
    expect(a.store()!.view(id)?.notes).toBe('written on B');
    expectSettled(server, a);
  });

  it('going online replaces a socket the outage left half-open, so later pokes arrive', async () => {
    const { server, a, b, id } = await pairOf();
    b.online = false;
    b.fire.offline();
    // Chromium keeps a WebSocket "open" through an offline period, as a real network does until
    // TCP gives up; the server may have dropped it meanwhile.
    b.sockets.at(-1)!.die();
    b.online = true;
    b.fire.online();
    await settle(a, b);
    await a.store()!.update(id, { password: 'p2' });
    await afterEdit(a, b);
    // No timer moved past 30 s: only a poke on a live socket can have brought it.
    expect(b.store()!.view(id)?.password).toBe('p2');
    expectSettled(server, a, b);
  });

  it('focus syncs at once', async () => {
    const { server, a, b, id } = await pairOf();
    for (const socket of b.sockets) socket.close(1000);
    b.sockets.length = 0;
    await a.store()!.update(id, { title: 'Bank (renamed)' });
    await afterEdit(a);
    b.fire.focus();
    await settle(a, b);
    expect(b.store()!.view(id)?.title).toBe('Bank (renamed)');
    expect(b.engine.status().cursor).toBe(server.seq);
  });

  it('a refusal of an old session that a newer one replaced meanwhile keeps the newer one', async () => {
    const { server, a, b, id } = await pairOf();
    const old = (await a.db.account.get('account'))!.token!;
    let open!: () => void;
    server.gate = new Promise((resolve) => {
      open = resolve;
    });
    a.engine.syncNow('user');
    await vi.advanceTimersByTimeAsync(0);
    // While that pull is on its way, the server ends the old session and this device stores a
    // new one (a password reset with the recovery key, a sign-in): the answer to the old call is
    // a 401 that says nothing about the new session.
    server.revoked.add(old);
    await a.db.account.update('account', { token: 'account.newer', sessionId: 'newer' });
    server.gate = null;
    open();
    await settle(a);
    expect(await a.db.account.get('account')).toMatchObject({ token: 'account.newer', signedOutReason: null });
    expect(a.engine.status().state.kind).toBe('idle');
    // And the newer session syncs: an edit on B reaches A.
    await b.store()!.update(id, { notes: 'after the reset' });
    await afterEdit(b);
    a.engine.syncNow('user');
    await settle(a, b);
    expect(a.store()!.view(id)?.notes).toBe('after the reset');
  });

  it('a refusal of the session in use signs the device out, keeping its vault', async () => {
    const { server, a, id } = await pairOf();
    server.revoked.add((await a.db.account.get('account'))!.token!);
    a.engine.syncNow('user');
    await settle(a);
    expect(await a.db.account.get('account')).toMatchObject({ token: null, signedOutReason: 'session-ended' });
    expect(a.engine.status().state).toMatchObject({ kind: 'signed-out', reason: 'session-ended' });
    expect(a.store()!.view(id)?.title).toBe('Bank');
  });

  it('the vault locked in the middle of a pull: the rest moves as ciphertext, the unlock merges', async () => {
    const { server, a, b, id } = await pairOf();
    b.online = false;
    await b.store()!.update(id, { notes: 'edited on B' });
    await afterEdit(b);
    const other = await a.store()!.create({ title: 'Pier Locker' });
    await vi.advanceTimersByTimeAsync(1_000);
    await a.store()!.update(id, { username: 'ada.lovelace' });
    await afterEdit(a);

    let open!: () => void;
    server.gate = new Promise((resolve) => {
      open = resolve;
    });
    b.online = true;
    b.fire.online();
    await vi.advanceTimersByTimeAsync(0);
    b.lock();
    server.gate = null;
    open();
    await settle(a, b);
    // Locked: the new record is stored unopened; the one with B's change waits in pending.
    expect(await b.db.records.get(other)).toBeDefined();
    expect((await b.db.pending.toArray()).map((row) => row.id)).toEqual([id]);
    expect(b.engine.status()).toMatchObject({ toMerge: 1, waiting: 1 });

    await b.unlock();
    await settle(a, b);
    await afterEdit(a, b);
    expect(await b.db.pending.count()).toBe(0);
    for (const device of [a, b])
      expect(device.store()!.view(id)).toMatchObject({ username: 'ada.lovelace', notes: 'edited on B' });
    expect(server.items.size).toBe(2);
    expectSettled(server, a, b);
  });

  it('a pending copy that the merge finds older (a rebase) leaves pending and is pushed (bd16d05)', async () => {
    const { server, a, b, id } = await pairOf();
    b.online = false;
    await a.store()!.update(id, { notes: 'from A' });
    await afterEdit(a);
    // B writes the same field later: its stamp wins, so A's copy adds nothing to B's.
    await vi.advanceTimersByTimeAsync(1_000);
    await b.store()!.update(id, { notes: 'from B' });
    await afterEdit(b);
    b.lock();
    b.online = true;
    b.fire.online();
    await settle(a, b);
    expect(await b.db.pending.count()).toBe(1);

    await b.unlock();
    await settle(a, b);
    await afterEdit(a, b);
    // The merge equals B's copy: a rebase onto A's seq, and the pending row is gone with it.
    expect(await b.db.pending.count()).toBe(0);
    for (const device of [a, b]) expect(device.store()!.view(id)?.notes).toBe('from B');
    expect(server.items.size).toBe(1);
    expectSettled(server, a, b);
  });
});
