import { toBase64url } from '@tessera/core/crypto/bytes';
import { DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import { randomBytes } from '@tessera/core/crypto/random';
import {
  createRecoveryKey,
  recoveryAuthKey,
  unwrapVaultKeyWithRecovery,
  wrapVaultKeyForRecovery,
} from '@tessera/core/crypto/recovery-key';
import type { SignInResponseBody } from '@tessera/core/sync/protocol';
import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountName } from '../src/account/names.ts';
import { sha256 } from '../src/crypto.ts';
import {
  accountStub,
  call,
  expectError,
  json,
  lastCode,
  newEmail,
  newKeys,
  outbox,
  type Registered,
  register,
  signIn,
} from './helpers.ts';
import { enableAuthenticator, enableEmail, passwordProof, sendCode, verify } from './twofa-helpers.ts';

// The recovery key's server half (docs/api.md, "Recovery key"): the server keeps a slot and
// SHA-256(recoveryAuthKey); the key resets a forgotten password, behind the second factor.

interface RecoveryKey {
  key: Uint8Array;
  slot: Uint8Array;
  authKey: Uint8Array;
  verifier: Uint8Array;
}

async function makeRecovery(vaultKey = randomBytes(32)): Promise<RecoveryKey> {
  const key = createRecoveryKey();
  const authKey = recoveryAuthKey(key);
  return { key, slot: wrapVaultKeyForRecovery(key, vaultKey), authKey, verifier: await sha256(authKey) };
}

function recoveryBody(r: RecoveryKey) {
  return { slot: toBase64url(r.slot), verifier: toBase64url(r.verifier) };
}

async function setRecovery(account: Registered, r: RecoveryKey): Promise<Response> {
  return call('/account/recovery', {
    method: 'PUT',
    token: account.token,
    body: { ...passwordProof(account), recovery: recoveryBody(r) },
  });
}

function nextPassword() {
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

function recover(email: string, authKey: Uint8Array, next = nextPassword(), ip?: string): Promise<Response> {
  return call('/auth/recover', {
    body: { email, recoveryAuthKey: toBase64url(authKey), deviceName: 'Borrowed laptop', next: next.body },
    ip,
  });
}

async function storedAccount(email: string) {
  return runInDurableObject(accountStub(await accountName(email)), (_, state) =>
    state.storage.sql
      .exec<{ verifier: ArrayBuffer; wrapped_vault_key: ArrayBuffer; recovery_verifier: ArrayBuffer | null }>(
        'SELECT verifier, wrapped_vault_key, recovery_verifier FROM account',
      )
      .one(),
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('storing a recovery key', () => {
  it('needs the password proof; keeps the slot and the verifier, never the key', async () => {
    const account = await register();
    const r = await makeRecovery();
    await expectError(
      await call('/account/recovery', {
        method: 'PUT',
        token: account.token,
        body: { authKey: toBase64url(randomBytes(32)), recovery: recoveryBody(r) },
      }),
      401,
      'credentials-invalid',
    );
    await expectError(
      await call('/account/recovery', {
        method: 'PUT',
        body: { ...passwordProof(account), recovery: recoveryBody(r) },
      }),
      401,
      'session-invalid',
    );
    const stored = await json(await setRecovery(account, r), 200);
    expect(stored.recovery.slot).toBe(toBase64url(r.slot));

    // Every device takes the slot: GET /account and the sign-in answer carry it, not the verifier.
    const view = await json(await call('/account', { token: account.token }), 200);
    expect(view.vault.recovery).toEqual({ slot: toBase64url(r.slot), createdAt: stored.recovery.createdAt });
    expect(JSON.stringify(view)).not.toContain(toBase64url(r.verifier));
    const second = await json<SignInResponseBody>(
      await call('/auth/signin', {
        body: { email: account.email, authKey: toBase64url(account.keys.authKey), deviceName: 'Tablet' },
      }),
      200,
    );
    if (second.kind !== 'session') throw new Error('expected a session');
    expect(second.vault.recovery?.slot).toBe(toBase64url(r.slot));

    // What the server holds is SHA-256(recoveryAuthKey) and nothing from which the key follows.
    const row = await storedAccount(account.email);
    expect(toBase64url(new Uint8Array(row.recovery_verifier!))).toBe(toBase64url(r.verifier));
    const everything = await runInDurableObject(accountStub(await accountName(account.email)), (_, state) =>
      state.storage.sql.exec('SELECT * FROM account').toArray(),
    );
    const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    const dump = JSON.stringify(everything, (_, v) => (v instanceof ArrayBuffer ? hex(new Uint8Array(v)) : v));
    expect(dump).not.toContain(hex(r.authKey));
    expect(dump).not.toContain(hex(r.key));
  });

  it('registration can bring the recovery key along', async () => {
    const r = await makeRecovery();
    const email = newEmail();
    const keys = newKeys();
    await json(await call('/auth/register/start', { body: { email } }), 202);
    const body = await json<SignInResponseBody>(
      await call('/auth/register/finish', {
        body: {
          email,
          code: await lastCode(email),
          deviceName: 'Phone',
          vaultId: keys.vaultId,
          salt: toBase64url(keys.salt),
          kdf: { ...DEFAULT_KDF },
          authKey: toBase64url(keys.authKey),
          wrappedVaultKey: toBase64url(keys.wrappedVaultKey),
          recovery: recoveryBody(r),
        },
      }),
      201,
    );
    if (body.kind !== 'session') throw new Error('expected a session');
    expect(body.vault.recovery?.slot).toBe(toBase64url(r.slot));
    await json(await recover(email, r.authKey), 200);
  });

  it('a new recovery key retires the old one for every device', async () => {
    const account = await register();
    const vaultKey = randomBytes(32);
    const old = await makeRecovery(vaultKey);
    await json(await setRecovery(account, old), 200);
    const other = await signIn(account, 'Tablet');
    const fresh = await makeRecovery(vaultKey);
    await json(await setRecovery(account, fresh), 200);

    // The other device's next look at the account brings the new slot; the old key opens nothing in it.
    const view = await json(await call('/account', { token: other.token }), 200);
    const slot = Uint8Array.from(atob(view.vault.recovery.slot.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    expect(() => unwrapVaultKeyWithRecovery(old.key, slot)).toThrow('does not open');
    expect(unwrapVaultKeyWithRecovery(fresh.key, slot)).toEqual(vaultKey);
    // And the server refuses the old key's proof.
    await expectError(await recover(account.email, old.authKey), 401, 'credentials-invalid');
    await json(await recover(account.email, fresh.authKey), 200);
  });
});

describe('resetting a forgotten password with the recovery key', () => {
  it('replaces the password, ends every session and mails the owner', async () => {
    const account = await register();
    const r = await makeRecovery();
    await json(await setRecovery(account, r), 200);
    const tablet = await signIn(account, 'Tablet');
    const next = nextPassword();

    const body = await json<SignInResponseBody>(await recover(account.email, r.authKey, next), 200);
    if (body.kind !== 'session') throw new Error('expected a session');
    expect(body.vault.wrappedVaultKey).toBe(next.body.wrappedVaultKey);
    expect(body.vault.salt).toBe(next.body.salt);
    expect(body.vault.recovery?.slot).toBe(toBase64url(r.slot));
    await json(await call('/account', { token: body.session.token }), 200);

    // Tokens from before the reset are dead; the old password no longer signs in; the new one does.
    for (const token of [account.token, tablet.token])
      await expectError(await call('/account', { token }), 401, 'session-invalid');
    await expectError(
      await call('/auth/signin', {
        body: { email: account.email, authKey: toBase64url(account.keys.authKey), deviceName: 'Old' },
      }),
      401,
      'credentials-invalid',
    );
    await signIn({ ...account, keys: next.keys }, 'Second device');
    const notice = (await outbox(account.email)).find(
      (m) => m.subject === 'Tessera: password reset with the recovery key',
    );
    expect(notice?.text).toContain('“Borrowed laptop”');
    expect(notice?.text).not.toContain(toBase64url(r.authKey));
  });

  it('refuses a wrong key, an unknown email and an account without a key alike, changing nothing', async () => {
    const account = await register();
    const r = await makeRecovery();
    await json(await setRecovery(account, r), 200);
    const bare = await register();
    const before = await storedAccount(account.email);

    const answers = [
      await expectError(await recover(account.email, randomBytes(32)), 401, 'credentials-invalid'),
      await expectError(await recover(newEmail(), r.authKey), 401, 'credentials-invalid'),
      await expectError(await recover(bare.email, r.authKey), 401, 'credentials-invalid'),
    ];
    expect(new Set(answers).size).toBe(1);
    const after = await storedAccount(account.email);
    expect(new Uint8Array(after.verifier)).toEqual(new Uint8Array(before.verifier));
    expect(new Uint8Array(after.wrapped_vault_key)).toEqual(new Uint8Array(before.wrapped_vault_key));
    await json(await call('/account', { token: account.token }), 200);
    await json(await call('/account', { token: bare.token }), 200);
  });

  it('compares the proof with the stored verifier in constant time', async () => {
    const account = await register();
    const r = await makeRecovery();
    await json(await setRecovery(account, r), 200);
    const bare = await register();
    const compare = vi.spyOn(crypto.subtle, 'timingSafeEqual');

    // A proof that differs from the right one only in its last byte: compared whole, by the runtime.
    const near = r.authKey.slice();
    near[31] = (near[31] as number) ^ 1;
    await expectError(await recover(account.email, near), 401, 'credentials-invalid');
    const verifierCall = compare.mock.calls.find(
      ([a, b]) =>
        toBase64url(new Uint8Array(a as ArrayBuffer)) === toBase64url(r.verifier) ||
        toBase64url(new Uint8Array(b as ArrayBuffer)) === toBase64url(r.verifier),
    );
    expect(verifierCall).toBeDefined();
    expect((verifierCall![0] as ArrayBuffer).byteLength).toBe(32);
    expect((verifierCall![1] as ArrayBuffer).byteLength).toBe(32);

    // An account without a key takes the same compare (against zeros), so timing does not tell.
    compare.mockClear();
    await expectError(await recover(bare.email, r.authKey), 401, 'credentials-invalid');
    expect(compare.mock.calls.some(([a]) => (a as ArrayBuffer).byteLength === 32)).toBe(true);
  });

  it('is rate-limited per account: after five wrong keys even the right one waits', async () => {
    const account = await register();
    const r = await makeRecovery();
    await json(await setRecovery(account, r), 200);
    for (let i = 0; i < 5; i++)
      await expectError(await recover(account.email, randomBytes(32)), 401, 'credentials-invalid');
    const refused = await recover(account.email, r.authKey);
    expect(refused.headers.get('retry-after')).toBe('1');
    await expectError(refused, 429, 'rate-limited');
    // Nothing changed: the old password still works and the session lives.
    await json(await call('/account', { token: account.token }), 200);
    // Wrong recovery keys are counted apart from wrong passwords: the owner can still sign in.
    await signIn(account, 'Owner');
  });

  it('still needs the second factor: nothing changes until a right code', async () => {
    const account = await register();
    const r = await makeRecovery();
    await json(await setRecovery(account, r), 200);
    await enableEmail(account);
    const next = nextPassword();

    const body = await json<SignInResponseBody>(await recover(account.email, r.authKey, next), 200);
    if (body.kind !== 'second-factor') throw new Error('expected the second-factor step');
    expect(body.secondFactor.methods).toEqual(['email', 'recovery']);
    expect(JSON.stringify(body)).not.toContain(next.body.wrappedVaultKey);
    // Until the code is right the old password and sessions stand.
    const unchanged = await json(await call('/account', { token: account.token }), 200);
    expect(unchanged.vault.wrappedVaultKey).toBe(toBase64url(account.keys.wrappedVaultKey));

    const attempt = body.secondFactor;
    await json(await sendCode(account, attempt, 'email'), 202);
    const code = await lastCode(account.email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await expectError(await verify(account, attempt, 'email', wrong), 400, 'code-invalid');
    await json(await call('/account', { token: account.token }), 200);

    const done = await json<SignInResponseBody>(await verify(account, attempt, 'email', code), 200);
    if (done.kind !== 'session') throw new Error('expected a session');
    expect(done.vault.wrappedVaultKey).toBe(next.body.wrappedVaultKey);
    await expectError(await call('/account', { token: account.token }), 401, 'session-invalid');
    const mails = await outbox(account.email);
    expect(mails.some((m) => m.subject === 'Tessera: password reset with the recovery key')).toBe(true);
  });

  it('takes a recovery code as the second factor', async () => {
    const account = await register();
    const r = await makeRecovery();
    await json(await setRecovery(account, r), 200);
    const codes = (await enableAuthenticator(account)).recoveryCodes as string[];
    const next = nextPassword();
    const body = await json<SignInResponseBody>(await recover(account.email, r.authKey, next), 200);
    if (body.kind !== 'second-factor') throw new Error('expected the second-factor step');
    const done = await json<SignInResponseBody>(
      await verify(account, body.secondFactor, 'recovery', codes[0] as string),
      200,
    );
    if (done.kind !== 'session') throw new Error('expected a session');
    expect(done.vault.salt).toBe(next.body.salt);
  });
});
