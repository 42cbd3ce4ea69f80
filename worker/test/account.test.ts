import { toBase64url } from '@tessera/core/crypto/bytes';
import { DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { accountName } from '../src/account/names.ts';
import { accountStub, call, envelope, expectError, json, newKeys, pull, push, register, signIn } from './helpers.ts';

function nextCredentials() {
  const keys = newKeys();
  return {
    keys,
    body: {
      salt: toBase64url(keys.salt),
      kdf: { ...DEFAULT_KDF },
      authKey: toBase64url(keys.authKey),
      wrappedVaultKey: toBase64url(keys.wrappedVaultKey),
    },
  };
}

describe('account', () => {
  it('describes itself to a signed-in device', async () => {
    const account = await register();
    await push(account.token, [{ id: randomId(), baseSeq: 0, envelope: envelope() }]);
    const body = await json(await call('/account', { token: account.token }), 200);
    expect(body).toMatchObject({
      email: account.email,
      vault: {
        vaultId: account.keys.vaultId,
        salt: toBase64url(account.keys.salt),
        wrappedVaultKey: toBase64url(account.keys.wrappedVaultKey),
      },
      itemCount: 1,
      seq: 1,
      secondFactor: { methods: [] },
    });
    expect(body.createdAt).toBe(body.passwordChangedAt);
  });
});

describe('password change', () => {
  it('swaps salt, verifier and wrapped key together; items stay', async () => {
    const account = await register();
    const id = randomId();
    await push(account.token, [{ id, baseSeq: 0, envelope: envelope() }]);
    const other = await signIn(account);
    const next = nextCredentials();
    const res = await call('/account/password', {
      token: account.token,
      body: { authKey: toBase64url(account.keys.authKey), next: next.body },
    });
    expect(await json(res, 200)).toEqual({ endedSessions: 1 });
    // The old password no longer signs in; the new one does and gets the new material.
    await expectError(
      await call('/auth/signin', {
        body: { email: account.email, authKey: toBase64url(account.keys.authKey), deviceName: 'x' },
      }),
      401,
      'credentials-invalid',
    );
    const signedIn = await json(
      await call('/auth/signin', { body: { email: account.email, authKey: next.body.authKey, deviceName: 'x' } }),
      200,
    );
    expect(signedIn.vault).toEqual({
      vaultId: account.keys.vaultId,
      salt: next.body.salt,
      kdf: next.body.kdf,
      wrappedVaultKey: next.body.wrappedVaultKey,
      recovery: null,
    });
    expect(await json(await call('/auth/prelogin', { body: { email: account.email } }), 200)).toEqual({
      salt: next.body.salt,
      kdf: next.body.kdf,
    });
    // The other session ended; the vault is untouched.
    await expectError(await call('/account', { token: other.token }), 401, 'session-invalid');
    expect((await pull(account.token)).changes.map((c) => c.id)).toEqual([id]);
  });

  // Issue 15, item 7: `endOtherSessions: false` let a password change keep every other session,
  // so a token taken before the change outlived it.
  it('always ends every other session; a request to keep them is refused', async () => {
    const account = await register();
    const others = [await signIn(account), await signIn(account)];
    const next = nextCredentials();
    const keep = { authKey: toBase64url(account.keys.authKey), next: next.body, endOtherSessions: false };
    expect(
      await expectError(await call('/account/password', { token: account.token, body: keep }), 400, 'invalid-body'),
    ).toMatch(/^endOtherSessions: /);
    for (const o of others) await json(await call('/account', { token: o.token }), 200);
    const res = await call('/account/password', {
      token: account.token,
      body: { authKey: toBase64url(account.keys.authKey), next: next.body },
    });
    expect(await json(res, 200)).toEqual({ endedSessions: 2 });
    for (const o of others) await expectError(await call('/account', { token: o.token }), 401, 'session-invalid');
    await json(await call('/account', { token: account.token }), 200);
  });

  it('needs the current password, not just a session, and counts wrong ones', async () => {
    const account = await register();
    const next = nextCredentials();
    const body = { authKey: toBase64url(randomBytes(32)), next: next.body };
    await expectError(await call('/account/password', { token: account.token, body }), 401, 'credentials-invalid');
    const stub = accountStub(await accountName(account.email));
    const failures = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec('SELECT count FROM failures').one(),
    );
    expect(failures.count).toBe(1);
    await expectError(await call('/account/password', { body }), 401, 'session-invalid');
    // A wrong proof does not end the session that made it.
    await json(await call('/account', { token: account.token }), 200);
  });

  it('refuses parameters below the floor', async () => {
    const account = await register();
    const next = nextCredentials();
    const body = {
      authKey: toBase64url(account.keys.authKey),
      next: { ...next.body, kdf: { ...DEFAULT_KDF, iterations: 1 } },
    };
    expect(
      await expectError(await call('/account/password', { token: account.token, body }), 400, 'invalid-body'),
    ).toMatch(/^next\.kdf\.iterations/);
  });
});

describe('account deletion', () => {
  it('needs the password, then removes every byte and every session', async () => {
    const account = await register();
    const second = await signIn(account);
    await push(account.token, [{ id: randomId(), baseSeq: 0, envelope: envelope() }]);
    await expectError(
      await call('/account/delete', { token: account.token, body: { authKey: toBase64url(randomBytes(32)) } }),
      401,
      'credentials-invalid',
    );
    const stub = accountStub(await accountName(account.email));
    const res = await call('/account/delete', {
      token: account.token,
      body: { authKey: toBase64url(account.keys.authKey) },
    });
    expect(res.status).toBe(204);
    // Inspected before anything else touches the object: not a table, not a row, no alarm.
    const left = await runInDurableObject(stub, async (_, state) => ({
      tables: state.storage.sql
        .exec(
          "SELECT name FROM sqlite_master WHERE name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )
        .toArray(),
      kv: [...(await state.storage.list()).keys()],
      alarm: await state.storage.getAlarm(),
    }));
    expect(left).toEqual({ tables: [], kv: [], alarm: null });
    for (const token of [account.token, second.token])
      await expectError(await call('/account', { token }), 401, 'session-invalid');
    // The address is free again and looks like any unknown one.
    await expectError(
      await call('/auth/signin', {
        body: { email: account.email, authKey: toBase64url(account.keys.authKey), deviceName: 'x' },
      }),
      401,
      'credentials-invalid',
    );
    const again = await register({ email: account.email });
    expect((await pull(again.token)).changes).toEqual([]);
  });

  it('leaves no rows in any table once the object is next opened', async () => {
    const account = await register();
    await push(account.token, [{ id: randomId(), baseSeq: 0, envelope: envelope() }]);
    expect(
      (await call('/account/delete', { token: account.token, body: { authKey: toBase64url(account.keys.authKey) } }))
        .status,
    ).toBe(204);
    await expectError(await call('/vault/changes', { token: account.token }), 401, 'session-invalid');
    const stub = accountStub(await accountName(account.email));
    const counts = await runInDurableObject(stub, (_, state) => {
      const tables = state.storage.sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name != 'schema_version'",
        )
        .toArray()
        .map((t) => t.name);
      return Object.fromEntries(
        tables.map((t) => [t, state.storage.sql.exec(`SELECT count(*) AS n FROM "${t}"`).one().n]),
      );
    });
    expect(Object.keys(counts).length).toBeGreaterThan(0);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    // An object holding only the empty schema erases itself a day later.
    const alarm = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    expect(alarm).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const tables = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name NOT LIKE '\\_cf\\_%' ESCAPE '\\'").toArray(),
    );
    expect(tables).toEqual([]);
  });
});
