import { toBase64url } from '@tessera/core/crypto/bytes';
import { DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import { SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX } from '@tessera/core/sync/limits';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  changeBody,
  envelope,
  expectError,
  json,
  keysBody,
  newKeys,
  register,
  type Registered,
  signIn,
} from './helpers.ts';
import { realClock, setClock } from './twofa-helpers.ts';

// Issue 15, "Sessions": a session that has ended is refused on every authenticated route and at
// the WebSocket upgrade, however it ended; and a live but stolen token cannot change how the
// account is entered without the password proof. Table-driven over every route of docs/api.md
// that takes a session.

afterEach(realClock);

const DAY = 24 * 3600_000;
const proof = () => ({ authKey: toBase64url(randomBytes(32)) });

// A recovery key as the client stores it: a version-1 slot and a 32-byte verifier.
function recoveryBody() {
  const slot = randomBytes(73);
  slot[0] = 1;
  return { slot: toBase64url(slot), verifier: toBase64url(randomBytes(32)) };
}

function nextKeys() {
  const { vaultId: _, ...next } = { ...keysBody(newKeys()), kdf: { ...DEFAULT_KDF } };
  return next;
}

// Every authenticated route, with a body it would otherwise take.
const ROUTES: { method: string; path: string; body?: () => unknown }[] = [
  { method: 'GET', path: '/sessions' },
  { method: 'DELETE', path: `/sessions/${randomId()}` },
  { method: 'POST', path: '/auth/signout' },
  { method: 'GET', path: '/account' },
  { method: 'POST', path: '/account/password', body: () => ({ ...proof(), next: nextKeys() }) },
  { method: 'POST', path: '/account/delete', body: proof },
  { method: 'PUT', path: '/account/recovery', body: () => ({ ...proof(), recovery: recoveryBody() }) },
  { method: 'GET', path: '/twofa' },
  { method: 'POST', path: '/twofa/totp' },
  { method: 'POST', path: '/twofa/totp/confirm', body: () => ({ code: '123456', ...proof() }) },
  { method: 'POST', path: '/twofa/email' },
  { method: 'POST', path: '/twofa/email/confirm', body: () => ({ code: '123456', ...proof() }) },
  { method: 'POST', path: '/twofa/sms', body: () => ({ phone: '+447700900123' }) },
  { method: 'POST', path: '/twofa/sms/confirm', body: () => ({ code: '123456', ...proof() }) },
  { method: 'POST', path: '/twofa/totp/disable', body: proof },
  { method: 'POST', path: '/twofa/email/disable', body: proof },
  { method: 'POST', path: '/twofa/sms/disable', body: proof },
  { method: 'POST', path: '/twofa/recovery/regenerate', body: proof },
  { method: 'GET', path: '/vault/changes?since=0' },
  {
    method: 'POST',
    path: '/vault/changes',
    body: () => ({ changes: [changeBody({ id: randomId(), baseSeq: 0, envelope: envelope() })] }),
  },
];

async function expectRefusedEverywhere(token: string): Promise<void> {
  for (const route of ROUTES) {
    const res = await call(route.path, { method: route.method, token, ...(route.body ? { body: route.body() } : {}) });
    expect(res.status, `${route.method} ${route.path}`).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code, `${route.method} ${route.path}`).toBe(
      'session-invalid',
    );
  }
  const socket = await call('/vault/socket', {
    headers: { upgrade: 'websocket', 'sec-websocket-protocol': `${SOCKET_PROTOCOL}, ${SOCKET_TOKEN_PREFIX}${token}` },
  });
  await expectError(socket, 401, 'session-invalid');
}

// How a session ends: each returns a token that has, and the account's live token.
const ENDINGS: { name: string; end: (account: Registered) => Promise<string> }[] = [
  {
    name: 'idle for 30 days',
    end: async (account) => {
      setClock(Date.now() + 30 * DAY + 60_000);
      return account.token;
    },
  },
  {
    name: 'used every 20 days, 90 days after sign-in',
    end: async (account) => {
      const start = Date.now();
      for (let day = 20; day <= 80; day += 20) {
        setClock(start + day * DAY);
        await json(await call('/account', { token: account.token }), 200);
      }
      setClock(start + 90 * DAY);
      return account.token;
    },
  },
  {
    name: 'revoked from another device',
    end: async (account) => {
      const other = await signIn(account);
      expect((await call(`/sessions/${other.sessionId}`, { method: 'DELETE', token: account.token })).status).toBe(204);
      return other.token;
    },
  },
  {
    name: 'signed out',
    end: async (account) => {
      expect((await call('/auth/signout', { method: 'POST', token: account.token })).status).toBe(204);
      return account.token;
    },
  },
  {
    name: 'ended by a password change on another device',
    end: async (account) => {
      const other = await signIn(account);
      await json(
        await call('/account/password', {
          token: account.token,
          body: { authKey: toBase64url(account.keys.authKey), next: nextKeys() },
        }),
        200,
      );
      return other.token;
    },
  },
];

describe('an ended session is refused on every route and on the WebSocket', () => {
  for (const { name, end } of ENDINGS) {
    it(name, async () => {
      const account = await register();
      await expectRefusedEverywhere(await end(account));
    }, 120_000);
  }
});

describe('a stolen live token cannot change how the account is entered without the password', () => {
  const CHANGES: { what: string; method: string; path: string; body: () => unknown }[] = [
    { what: 'turn two-factor sign-in off', method: 'POST', path: '/twofa/totp/disable', body: proof },
    {
      what: 'turn a method on',
      method: 'POST',
      path: '/twofa/email/confirm',
      body: () => ({ code: '123456', ...proof() }),
    },
    { what: 'get new recovery codes', method: 'POST', path: '/twofa/recovery/regenerate', body: proof },
    {
      what: 'change the password',
      method: 'POST',
      path: '/account/password',
      body: () => ({ ...proof(), next: nextKeys() }),
    },
    { what: 'delete the account', method: 'POST', path: '/account/delete', body: proof },
    {
      what: 'store a recovery key',
      method: 'PUT',
      path: '/account/recovery',
      body: () => ({ ...proof(), recovery: recoveryBody() }),
    },
  ];
  for (const change of CHANGES) {
    it(`${change.what}: refused without the proof and with a wrong one`, async () => {
      const account = await register();
      const thief = await signIn(account, 'Stolen token');
      const withoutProof = Object.fromEntries(
        Object.entries(change.body() as Record<string, unknown>).filter(([k]) => k !== 'authKey'),
      );
      await expectError(
        await call(change.path, { method: change.method, token: thief.token, body: withoutProof }),
        400,
        'invalid-body',
      );
      await expectError(
        await call(change.path, { method: change.method, token: thief.token, body: change.body() }),
        401,
        'credentials-invalid',
      );
      // Nothing changed: the old password still signs in, and the account is there.
      await signIn(account, 'Owner');
      await json(await call('/account', { token: account.token }), 200);
    });
  }
});
