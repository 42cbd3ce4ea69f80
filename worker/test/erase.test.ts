import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import { SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX } from '@tessera/core/sync/limits';
import type { SessionListResponseBody } from '@tessera/core/sync/protocol';
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, envelope, expectError, json, ORIGIN, pull, push, register, signIn } from './helpers.ts';

// "Sign out and erase Tessera from that device" (docs/api.md, "Erasing a device"): behind the
// password proof, so a stolen token cannot erase the user's other devices; the target hears it on
// its socket or at its next call, confirms, and its session ends; the server's copy stays.

function erase(token: string, sessionId: string, authKey: Uint8Array | null): Promise<Response> {
  return call(`/sessions/${sessionId}/erase`, {
    token,
    body: authKey === null ? {} : { authKey: toBase64url(authKey) },
  });
}

async function sessions(token: string): Promise<SessionListResponseBody> {
  return json<SessionListResponseBody>(await call('/sessions', { token }), 200);
}

async function socketOf(token: string) {
  const res = await SELF.fetch(`${ORIGIN}/api/v1/vault/socket`, {
    headers: { upgrade: 'websocket', 'sec-websocket-protocol': `${SOCKET_PROTOCOL}, ${SOCKET_TOKEN_PREFIX}${token}` },
  });
  expect(res.status).toBe(101);
  const socket = res.webSocket as WebSocket;
  const messages: unknown[] = [];
  socket.accept();
  socket.addEventListener('message', (event) => messages.push(JSON.parse(event.data as string)));
  const closed = new Promise<number>((resolve) => socket.addEventListener('close', (event) => resolve(event.code)));
  return { messages, closed };
}

describe('erasing another device', () => {
  it('needs the password proof: a session token alone, or a wrong password, erases nothing', async () => {
    const account = await register();
    const phone = await signIn(account, 'Lost phone');
    await expectError(await erase(account.token, phone.sessionId, null), 400, 'invalid-body');
    await expectError(await erase(account.token, phone.sessionId, randomBytes(32)), 401, 'credentials-invalid');
    // The phone is untouched: it still syncs and nobody asked it anything.
    expect((await pull(phone.token)).changes).toEqual([]);
    const list = await sessions(account.token);
    expect(list.sessions.every((s) => s.eraseRequestedAt === null)).toBe(true);
    expect(list.erasures).toEqual([]);
  });

  it('refuses this device itself and a session the account does not have', async () => {
    const account = await register();
    const { id: sessionId } = (await sessions(account.token)).sessions[0]!;
    await expectError(await erase(account.token, sessionId, account.keys.authKey), 409, 'session-is-current');
    await expectError(await erase(account.token, randomId(), account.keys.authKey), 404, 'session-not-found');
  });

  it('tells the device over its socket, answers it 410 until it confirms, then says when it was erased', async () => {
    const account = await register({ deviceName: 'Laptop' });
    const phone = await signIn(account, 'Lost phone');
    const id = randomId();
    await push(account.token, [{ id, baseSeq: 0, envelope: envelope() }]);
    const socket = await socketOf(phone.token);

    const asked = await json<{ requestedAt: number }>(
      await erase(account.token, phone.sessionId, account.keys.authKey),
      202,
    );
    expect(await socket.closed).toBe(4003);
    expect(socket.messages).toContainEqual({ type: 'erase' });
    // Pending: the list says so; the phone can pull nothing more, nor push, nor list devices.
    const pending = await sessions(account.token);
    expect(pending.sessions.find((s) => s.id === phone.sessionId)?.eraseRequestedAt).toBe(asked.requestedAt);
    await expectError(await call('/vault/changes?since=0', { token: phone.token }), 410, 'erase-requested');
    await expectError(await call('/sessions', { token: phone.token }), 410, 'erase-requested');
    // A socket it opens again is told at once.
    const again = await socketOf(phone.token);
    expect(await again.closed).toBe(4003);
    expect(again.messages).toContainEqual({ type: 'erase' });

    const confirmed = await call('/sessions/erased', { token: phone.token, method: 'POST' });
    expect(confirmed.status).toBe(204);
    const after = await sessions(account.token);
    expect(after.sessions.map((s) => s.deviceName)).toEqual(['Laptop']);
    expect(after.erasures).toEqual([
      { id: phone.sessionId, deviceName: 'Lost phone', requestedAt: asked.requestedAt, erasedAt: expect.any(Number) },
    ]);
    await expectError(await call('/vault/changes?since=0', { token: phone.token }), 401, 'session-invalid');
    // The server's copy stays: erasing a device never loses the last copy.
    expect((await pull(account.token)).changes.map((c) => c.id)).toEqual([id]);
  });

  it('a device that was not asked cannot say it was erased; a plain sign-out of it still works', async () => {
    const account = await register();
    const phone = await signIn(account, 'Phone');
    await expectError(await call('/sessions/erased', { token: phone.token, method: 'POST' }), 404, 'session-not-found');
    await json(await erase(account.token, phone.sessionId, account.keys.authKey), 202);
    const revoked = await call(`/sessions/${phone.sessionId}`, { token: account.token, method: 'DELETE' });
    expect(revoked.status).toBe(204);
    const list = await sessions(account.token);
    expect(list.erasures).toEqual([
      { id: phone.sessionId, deviceName: 'Phone', requestedAt: expect.any(Number), erasedAt: null },
    ]);
  });
});
