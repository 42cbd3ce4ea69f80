import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryServer, newDevice, newVault, settle } from './harness.ts';

// "Sign out and erase" as the engine of the erased device sees it (src/services/sync/engine.ts):
// told over the socket, or answered `erase-requested` at its next call, it stops syncing and
// hands over to the account service, which locks, confirms and wipes (tested end to end in
// tests/e2e/erase.spec.ts; the server in worker/test/erase.test.ts).

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('asked to erase', () => {
  it('hears it on the socket: the engine stops at once and calls the listener', async () => {
    const server = new MemoryServer();
    const device = await newDevice(server, newVault());
    await settle(device);
    let heard = 0;
    device.engine.onErase(() => heard++);
    const socket = device.sockets.at(-1)!;
    socket.receive({ type: 'erase' });
    expect(heard).toBe(1);
    expect(device.engine.status().state).toEqual({ kind: 'erasing' });
    // Nothing more is asked of the server, whatever triggers a run, and the socket is not reopened.
    const pulls = server.pulls;
    device.engine.syncNow('user');
    device.fire.online();
    await vi.advanceTimersByTimeAsync(120_000);
    await settle(device);
    expect(server.pulls).toBe(pulls);
    expect(device.sockets.at(-1)).toBe(socket);
    expect(heard).toBe(1);
  });

  it('hears it at its next contact when it was away (410 erase-requested), even while locked', async () => {
    const server = new MemoryServer();
    const device = await newDevice(server, newVault());
    await settle(device);
    device.lock();
    const account = await device.db.account.get('account');
    server.erasing.add(account!.token!);
    let heard = 0;
    device.engine.onErase(() => heard++);
    device.engine.syncNow('focus');
    await settle(device);
    expect(heard).toBe(1);
    expect(device.engine.status().state).toEqual({ kind: 'erasing' });
  });

  it('a listener added after the request still hears it', async () => {
    const server = new MemoryServer();
    const device = await newDevice(server, newVault());
    await settle(device);
    device.sockets.at(-1)!.receive({ type: 'erase' });
    let heard = 0;
    device.engine.onErase(() => heard++);
    expect(heard).toBe(1);
  });
});
