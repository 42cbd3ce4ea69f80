import { toBase64url } from '@tessera/core/crypto/bytes';
import { DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import { describe, expect, it } from 'vitest';
import { call, callDeployed, expectError, json, newEmail, newKeys, register } from './helpers.ts';

async function prelogin(email: string) {
  const res = await call('/auth/prelogin', { body: { email } });
  return { headers: [...res.headers.keys()].sort(), body: await json<{ salt: string; kdf: unknown }>(res, 200) };
}

describe('prelogin', () => {
  it("returns a known account's own salt and parameters", async () => {
    const keys = newKeys();
    const account = await register({ keys });
    const { body } = await prelogin(account.email);
    expect(body).toEqual({ salt: toBase64url(keys.salt), kdf: DEFAULT_KDF });
  });

  it('treats the email case- and space-insensitively', async () => {
    const keys = newKeys();
    const account = await register({ keys });
    const { body } = await prelogin(`  ${account.email.toUpperCase()} `);
    expect(body.salt).toBe(toBase64url(keys.salt));
  });

  it('answers an unknown email exactly like a known one: same shape, headers and parameters, a stable salt', async () => {
    const known = await register();
    const unknown = newEmail('nobody');
    const a = await prelogin(known.email);
    const b = await prelogin(unknown);
    const again = await prelogin(unknown.toUpperCase());
    expect(Object.keys(b.body).sort()).toEqual(Object.keys(a.body).sort());
    expect(b.headers).toEqual(a.headers);
    expect(b.body.kdf).toEqual(a.body.kdf);
    expect(b.body.salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(again.body).toEqual(b.body);
    expect((await prelogin(newEmail('other'))).body.salt).not.toBe(b.body.salt);
  });

  it('gives a registration-pending email the fake salt until the account exists', async () => {
    const email = newEmail('pending');
    const before = await prelogin(email);
    await json(await call('/auth/register/start', { body: { email } }), 202);
    expect((await prelogin(email)).body).toEqual(before.body);
  });

  it('derives the fake salt from the server secret', async () => {
    const email = newEmail('secret');
    const one = await json(await callDeployed('/auth/prelogin', { body: { email } }, { PRELOGIN_SECRET: 'one secret' }), 200);
    const two = await json(await callDeployed('/auth/prelogin', { body: { email } }, { PRELOGIN_SECRET: 'another secret' }), 200);
    const oneAgain = await json(await callDeployed('/auth/prelogin', { body: { email } }, { PRELOGIN_SECRET: 'one secret' }), 200);
    expect(one.salt).not.toBe(two.salt);
    expect(oneAgain).toEqual(one);
  });

  it('refuses with 503 server-misconfigured when a deployment has no PRELOGIN_SECRET', async () => {
    const res = await callDeployed('/auth/prelogin', { body: { email: newEmail() } });
    expect(await expectError(res, 503, 'server-misconfigured')).toMatch(/PRELOGIN_SECRET/);
  });
});
