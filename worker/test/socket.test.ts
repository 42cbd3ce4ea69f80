import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomId } from '@tessera/core/crypto/random';
import { SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX } from '@tessera/core/sync/limits';
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { SOCKETS_PER_SESSION } from '../src/account/sockets.ts';
import { call, envelope, expectError, ORIGIN, push, register, signIn } from './helpers.ts';

interface Device {
  socket: WebSocket;
  messages: unknown[];
  closed: Promise<{ code: number; reason: string }>;
  next(): Promise<unknown>;
}

async function connect(
  token: string,
  protocols = `${SOCKET_PROTOCOL}, ${SOCKET_TOKEN_PREFIX}${token}`,
): Promise<Device> {
  const res = await SELF.fetch(`${ORIGIN}/api/v1/vault/socket`, {
    headers: { upgrade: 'websocket', 'sec-websocket-protocol': protocols },
  });
  expect(res.status).toBe(101);
  expect(res.headers.get('sec-websocket-protocol')).toBe(SOCKET_PROTOCOL);
  const socket = res.webSocket as WebSocket;
  const messages: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  socket.accept();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data as string);
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else messages.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.addEventListener('close', (event) => resolve({ code: event.code, reason: event.reason }));
  });
  return {
    socket,
    messages,
    closed,
    next: () =>
      messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((resolve) => waiting.push(resolve)),
  };
}

function within<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms)),
  ]);
}

describe('WebSocket', () => {
  it('greets with the current seq and pokes every other device after a push, not the pusher', async () => {
    const account = await register();
    const phone = await signIn(account, 'Phone');
    const laptop = await signIn(account, 'Laptop');
    await push(account.token, [{ id: randomId(), baseSeq: 0, envelope: envelope() }]);
    const phoneSocket = await connect(phone.token);
    const laptopSocket = await connect(laptop.token);
    const pusherSocket = await connect(account.token);
    for (const d of [phoneSocket, laptopSocket, pusherSocket])
      expect(await within(d.next())).toEqual({ type: 'hello', seq: 1 });
    await push(account.token, [{ id: randomId(), baseSeq: 0, envelope: envelope() }]);
    expect(await within(phoneSocket.next())).toEqual({ type: 'changed', seq: 2 });
    expect(await within(laptopSocket.next())).toEqual({ type: 'changed', seq: 2 });
    // A conflict-only or empty push wrote nothing: no poke.
    await push(laptop.token, [{ id: randomId(), baseSeq: 9, envelope: envelope() }]);
    await push(phone.token, [{ id: randomId(), baseSeq: 0, envelope: envelope() }]);
    expect(await within(laptopSocket.next())).toEqual({ type: 'changed', seq: 3 });
    expect(await within(pusherSocket.next())).toEqual({ type: 'changed', seq: 3 });
    expect(pusherSocket.messages).toEqual([]);
    for (const d of [phoneSocket, laptopSocket, pusherSocket]) d.socket.close(1000, 'done');
  });

  it('answers a ping with a pong and closes on anything else', async () => {
    const account = await register();
    const device = await connect(account.token);
    expect(await within(device.next())).toEqual({ type: 'hello', seq: 0 });
    device.socket.send('{"type":"ping"}');
    expect(await within(device.next())).toEqual({ type: 'pong' });
    device.socket.send('{ "type": "ping" }');
    expect(await within(device.next())).toEqual({ type: 'pong' });
    device.socket.send('{"type":"push"}');
    expect((await within(device.closed)).code).toBe(1003);
  });

  it('closes the sockets of a revoked session with 4001', async () => {
    const account = await register();
    const other = await signIn(account);
    const device = await connect(other.token);
    await within(device.next());
    expect((await call(`/sessions/${other.sessionId}`, { method: 'DELETE', token: account.token })).status).toBe(204);
    expect((await within(device.closed)).code).toBe(4001);
  });

  it('closes every socket with 4002 when the account is deleted', async () => {
    const account = await register();
    const other = await signIn(account);
    const device = await connect(other.token);
    await within(device.next());
    const res = await call('/account/delete', {
      token: account.token,
      body: { authKey: toBase64url(account.keys.authKey) },
    });
    expect(res.status).toBe(204);
    expect((await within(device.closed)).code).toBe(4002);
  });

  it(`keeps at most ${SOCKETS_PER_SESSION} sockets per device, closing the oldest`, async () => {
    const account = await register();
    const sockets: Device[] = [];
    for (let i = 0; i <= SOCKETS_PER_SESSION; i++) {
      const d = await connect(account.token);
      await within(d.next());
      sockets.push(d);
    }
    expect((await within((sockets[0] as Device).closed)).code).toBe(4001);
  });

  it('refuses a socket without a valid token offered as a subprotocol, and a plain GET', async () => {
    const account = await register();
    const open = (protocols: string | null) =>
      SELF.fetch(`${ORIGIN}/api/v1/vault/socket`, {
        headers:
          protocols === null ? { upgrade: 'websocket' } : { upgrade: 'websocket', 'sec-websocket-protocol': protocols },
      });
    await expectError(await open(null), 401, 'session-invalid');
    await expectError(await open(SOCKET_PROTOCOL), 401, 'session-invalid');
    await expectError(await open(`${SOCKET_TOKEN_PREFIX}${account.token}`), 401, 'session-invalid');
    await expectError(
      await open(`${SOCKET_PROTOCOL}, ${SOCKET_TOKEN_PREFIX}${account.token.slice(0, -2)}AA`),
      401,
      'session-invalid',
    );
    await expectError(
      await SELF.fetch(`${ORIGIN}/api/v1/vault/socket?token=${account.token}`),
      426,
      'upgrade-required',
    );
  });
});
