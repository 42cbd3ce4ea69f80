import { toBase64url } from '@tessera/core/crypto/bytes';
import { DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { accountName } from '../src/account/names.ts';
import {
  accountStub,
  call,
  callDeployed,
  expectError,
  json,
  keysBody,
  lastCode,
  newEmail,
  newKeys,
  register,
} from './helpers.ts';

// What an account's object holds that a prelogin could have written: its tables and its alarm.
async function traces(email: string) {
  return runInDurableObject(accountStub(await accountName(email)), async (_, state) => ({
    tables: state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name",
      )
      .toArray()
      .map((r) => r.name),
    alarm: await state.storage.getAlarm(),
  }));
}

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
    const one = await json(
      await callDeployed('/auth/prelogin', { body: { email } }, { PRELOGIN_SECRET: 'one secret' }),
      200,
    );
    const two = await json(
      await callDeployed('/auth/prelogin', { body: { email } }, { PRELOGIN_SECRET: 'another secret' }),
      200,
    );
    const oneAgain = await json(
      await callDeployed('/auth/prelogin', { body: { email } }, { PRELOGIN_SECRET: 'one secret' }),
      200,
    );
    expect(one.salt).not.toBe(two.salt);
    expect(oneAgain).toEqual(one);
  });

  it('refuses with 503 server-misconfigured when a deployment has no PRELOGIN_SECRET', async () => {
    const res = await callDeployed('/auth/prelogin', { body: { email: newEmail() } });
    expect(await expectError(res, 503, 'server-misconfigured')).toMatch(/PRELOGIN_SECRET/);
  });

  // Issue 15, item 5: the unknown email's object wrote its schema and an alarm, the known one
  // wrote nothing, which a timing or a storage bill could tell apart.
  it('writes nothing for an unknown email, as for a known one', async () => {
    const known = await register();
    const before = await traces(known.email);
    expect(before.alarm).toBeNull();
    await prelogin(known.email);
    expect(await traces(known.email)).toEqual(before);
    const unknown = newEmail('nobody');
    await prelogin(unknown);
    await prelogin(unknown);
    expect(await traces(unknown)).toEqual({ tables: [], alarm: null });
  });

  // Issue 15, item 5: an account made with other parameters would stand out from every unknown
  // email, which gets the default; so the server takes only the one set it answers for both.
  it('takes only the parameters it gives unknown emails, at registration and at a password change', async () => {
    const email = newEmail('custom');
    await json(await call('/auth/register/start', { body: { email } }), 202);
    const code = await lastCode(email);
    const custom = { ...DEFAULT_KDF, memoryKiB: DEFAULT_KDF.memoryKiB * 2 };
    const body = { email, code, deviceName: 'Laptop', ...keysBody(newKeys()), kdf: custom };
    expect(await expectError(await call('/auth/register/finish', { body }), 400, 'invalid-body')).toMatch(
      /^kdf: this server takes only argon2id with 65536 KiB/,
    );
    // Refused before the code was looked at: the same code, with the default set, registers.
    const created = await json(
      await call('/auth/register/finish', { body: { ...body, kdf: { ...DEFAULT_KDF } } }),
      201,
    );
    const { vaultId: _, ...next } = { ...keysBody(newKeys()), kdf: { ...DEFAULT_KDF, iterations: 4 } };
    const change = { authKey: body.authKey, next };
    expect(
      await expectError(
        await call('/account/password', { token: created.session.token, body: change }),
        400,
        'invalid-body',
      ),
    ).toMatch(/^next\.kdf: /);
    expect((await prelogin(email)).body.kdf).toEqual((await prelogin(newEmail('nobody'))).body.kdf);
  });
});
