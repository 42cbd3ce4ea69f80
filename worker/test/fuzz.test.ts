import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomId } from '@tessera/core/crypto/random';
import { API_ERRORS } from '@tessera/core/sync/errors';
import { SELF } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeBody, envelope, keysBody, newKeys, ORIGIN, randomIp, register, type Registered } from './helpers.ts';

// Whatever a client sends, the answer is never a 5xx, and every refusal is the one JSON shape
// with a documented code (docs/api.md, "Errors": a 5xx is never the answer to what a client sends).

let account: Registered;
beforeAll(async () => {
  account = await register();
});

const ROUTES: { method: string; path: string; valid: () => unknown; auth: boolean }[] = [
  { method: 'POST', path: '/auth/prelogin', valid: () => ({ email: 'fuzz@example.org' }), auth: false },
  {
    method: 'POST',
    path: '/auth/register/start',
    valid: () => ({ email: `fuzz-${randomId()}@example.org` }),
    auth: false,
  },
  {
    method: 'POST',
    path: '/auth/register/finish',
    valid: () => ({ email: 'fuzz@example.org', code: '123456', deviceName: 'Fuzzer', ...keysBody(newKeys()) }),
    auth: false,
  },
  {
    method: 'POST',
    path: '/auth/signin',
    valid: () => ({ email: 'fuzz@example.org', authKey: toBase64url(new Uint8Array(32)), deviceName: 'Fuzzer' }),
    auth: false,
  },
  {
    method: 'POST',
    path: '/vault/changes',
    valid: () => ({ changes: [changeBody({ id: randomId(), baseSeq: 0, envelope: envelope(64) })] }),
    auth: true,
  },
  {
    method: 'POST',
    path: '/account/password',
    valid: () => {
      const { vaultId: _, ...next } = keysBody(newKeys());
      return { authKey: toBase64url(new Uint8Array(32)), next };
    },
    auth: true,
  },
  { method: 'POST', path: '/account/delete', valid: () => ({ authKey: toBase64url(new Uint8Array(32)) }), auth: true },
  {
    method: 'PUT',
    path: '/account/recovery',
    valid: () => ({
      authKey: toBase64url(new Uint8Array(32)),
      recovery: { slot: toBase64url(envelope(73)), verifier: toBase64url(new Uint8Array(32)) },
    }),
    auth: true,
  },
  {
    method: 'POST',
    path: '/auth/recover',
    valid: () => {
      const { vaultId: _, ...next } = keysBody(newKeys());
      return {
        email: 'fuzz@example.org',
        recoveryAuthKey: toBase64url(new Uint8Array(32)),
        deviceName: 'Fuzzer',
        next,
      };
    },
    auth: false,
  },
  {
    method: 'POST',
    path: '/auth/signin/send',
    valid: () => ({ email: 'fuzz@example.org', attemptId: randomId(), method: 'sms' }),
    auth: false,
  },
  {
    method: 'POST',
    path: '/auth/signin/verify',
    valid: () => ({ email: 'fuzz@example.org', attemptId: randomId(), method: 'totp', code: '123456' }),
    auth: false,
  },
  {
    method: 'POST',
    path: '/auth/signin/verify',
    valid: () => ({ email: 'fuzz@example.org', attemptId: randomId(), method: 'recovery', code: '7kq2m-x9df0' }),
    auth: false,
  },
  { method: 'POST', path: '/twofa/sms', valid: () => ({ phone: '+447700900123' }), auth: true },
  {
    method: 'POST',
    path: '/twofa/totp/confirm',
    valid: () => ({ code: '123456', authKey: toBase64url(new Uint8Array(32)) }),
    auth: true,
  },
  {
    method: 'POST',
    path: '/twofa/email/disable',
    valid: () => ({ authKey: toBase64url(new Uint8Array(32)) }),
    auth: true,
  },
  {
    method: 'POST',
    path: '/twofa/recovery/regenerate',
    valid: () => ({ authKey: toBase64url(new Uint8Array(32)) }),
    auth: true,
  },
];

async function send(
  route: (typeof ROUTES)[number],
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/api/v1${route.path}`, {
    method: route.method,
    headers: {
      'content-type': 'application/json',
      'cf-connecting-ip': randomIp(),
      ...(route.auth ? { authorization: `Bearer ${account.token}` } : {}),
      ...headers,
    },
    body,
  });
}

async function expectClientAnswer(res: Response, what: string): Promise<void> {
  const text = await res.text();
  expect(res.status, `${what} -> ${res.status} ${text}`).toBeLessThan(500);
  if (res.status >= 400) {
    const body = JSON.parse(text) as { error: { code: keyof typeof API_ERRORS; message: string } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(API_ERRORS[body.error.code], what).toBe(res.status);
    expect(typeof body.error.message).toBe('string');
  }
}

// Structural mutations of a valid body: a field removed, retyped, or replaced by anything.
function mutate(value: unknown, path: number[], replacement: unknown, mode: number): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return mode === 0 ? replacement : value;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as object);
  if (entries.length === 0) return replacement;
  const [head, ...rest] = path as [number, ...number[]];
  const index = head % entries.length;
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<string, unknown>)
    : { ...(value as object) };
  const key = entries[index]?.[0] as string;
  if (rest.length === 0 && mode === 1) delete copy[key];
  else if (rest.length === 0 && mode === 2) copy[`${key}_x`] = replacement;
  else copy[key] = rest.length === 0 ? replacement : mutate(copy[key], rest, replacement, mode);
  return copy;
}

const runs = { numRuns: 150 };

describe('random and mangled requests', () => {
  it('any JSON value as a body gets a 4xx JSON error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.jsonValue(), async (route, value) => {
        const res = await send(route, JSON.stringify(value));
        expect(res.status).toBeGreaterThanOrEqual(400);
        await expectClientAnswer(res, `${route.path} ${JSON.stringify(value).slice(0, 80)}`);
      }),
      runs,
    );
  });

  it('valid bodies with one field removed, retyped, added or replaced never get a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        fc.oneof(fc.jsonValue(), fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.constant('')),
        fc.integer({ min: 0, max: 2 }),
        async (route, path, replacement, mode) => {
          const body = mutate(route.valid(), path, replacement, mode);
          await expectClientAnswer(
            await send(route, JSON.stringify(body)),
            `${route.path} ${JSON.stringify(body).slice(0, 120)}`,
          );
        },
      ),
      runs,
    );
  });

  it('valid bodies with bytes flipped, cut or inserted never get a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 })), {
          minLength: 1,
          maxLength: 6,
        }),
        async (route, edits) => {
          let bytes = new TextEncoder().encode(JSON.stringify(route.valid()));
          for (const [at, byte, kind] of edits) {
            const i = at % (bytes.length + 1);
            if (kind === 0 && i < bytes.length) bytes[i] = byte;
            else if (kind === 1) bytes = bytes.slice(0, i);
            else bytes = new Uint8Array([...bytes.slice(0, i), byte, ...bytes.slice(i)]);
          }
          await expectClientAnswer(await send(route, bytes), `${route.path} ${bytes.length} bytes`);
        },
      ),
      runs,
    );
  });

  it('random query strings, headers and tokens never get a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 60 }),
        fc.string({ maxLength: 60 }),
        fc.string({ maxLength: 120 }),
        async (query, type, token) => {
          const headers = new Headers({ 'cf-connecting-ip': randomIp() });
          try {
            headers.set('content-type', type);
            headers.set('authorization', `Bearer ${token}`);
          } catch {
            // Not a legal header value: a browser could not send it either.
          }
          const pull = await SELF.fetch(`${ORIGIN}/api/v1/vault/changes?${encodeURI(query)}`, { headers });
          await expectClientAnswer(pull, `pull ?${query}`);
          const sessions = await SELF.fetch(`${ORIGIN}/api/v1/sessions/${encodeURIComponent(query)}`, {
            method: 'DELETE',
            headers,
          });
          await expectClientAnswer(sessions, `revoke ${query}`);
        },
      ),
      runs,
    );
    // The fuzzed session survives all of that.
    const res = await SELF.fetch(`${ORIGIN}/api/v1/account`, { headers: { authorization: `Bearer ${account.token}` } });
    expect(res.status).toBe(200);
    await res.body?.cancel();
  });
});
