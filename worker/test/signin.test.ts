import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomBytes } from '@tessera/core/crypto/random';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { accountName } from '../src/account/names.ts';
import { ACCOUNT_THROTTLE, delayAfter } from '../src/account/throttle.ts';
import { CLIENT_LIMITS } from '../src/limits/client-limiter.ts';
import { accountStub, call, expectError, json, newEmail, randomIp, register } from './helpers.ts';

function signIn(email: string, authKey: Uint8Array, ip?: string) {
  return call('/auth/signin', { body: { email, authKey: toBase64url(authKey), deviceName: 'Phone' }, ip });
}

// Moves the account's last failure into the past, as if the delay had been waited out.
async function waitOut(email: string): Promise<void> {
  const stub = accountStub(await accountName(email));
  await runInDurableObject(stub, (_, state) =>
    state.storage.sql.exec('UPDATE failures SET last_at = last_at - ?', ACCOUNT_THROTTLE.lockSeconds * 1000),
  );
}

describe('sign-in', () => {
  it('returns a new session and the key material for email + authKey', async () => {
    const account = await register();
    const body = await json(await signIn(account.email, account.keys.authKey), 200);
    expect(body.kind).toBe('session');
    expect(body.session.id).not.toBe(account.sessionId);
    expect(body.session.expiresAt).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    expect(body.vault.vaultId).toBe(account.keys.vaultId);
    expect(body.vault.wrappedVaultKey).toBe(toBase64url(account.keys.wrappedVaultKey));
    await json(await call('/account', { token: body.session.token }), 200);
  });

  it('answers a wrong authKey and an unknown email alike', async () => {
    const account = await register();
    const wrong = await expectError(await signIn(account.email, randomBytes(32)), 401, 'credentials-invalid');
    const unknown = await expectError(await signIn(newEmail(), randomBytes(32)), 401, 'credentials-invalid');
    expect(unknown).toBe(wrong);
  });

  it('slows down, then locks, an account after repeated wrong passwords; success resets it', async () => {
    const account = await register();
    const ip = () => randomIp();
    for (let failures = 1; failures <= ACCOUNT_THROTTLE.freeFailures; failures++) {
      await expectError(await signIn(account.email, randomBytes(32), ip()), 401, 'credentials-invalid');
    }
    await expectError(await signIn(account.email, randomBytes(32), ip()), 401, 'credentials-invalid');
    // Now 5 failures: the next attempt, even with the right key, must wait.
    const res = await signIn(account.email, account.keys.authKey, ip());
    expect(Number(res.headers.get('retry-after'))).toBe(delayAfter(5));
    await expectError(res, 429, 'rate-limited');
    for (let failures = 6; failures <= ACCOUNT_THROTTLE.lockAfter; failures++) {
      await waitOut(account.email);
      await expectError(await signIn(account.email, randomBytes(32), ip()), 401, 'credentials-invalid');
    }
    const locked = await signIn(account.email, account.keys.authKey, ip());
    expect(Number(locked.headers.get('retry-after'))).toBe(ACCOUNT_THROTTLE.lockSeconds);
    await expectError(locked, 429, 'rate-limited');
    await waitOut(account.email);
    await json(await signIn(account.email, account.keys.authKey, ip()), 200);
    await expectError(await signIn(account.email, randomBytes(32), ip()), 401, 'credentials-invalid');
    await json(await signIn(account.email, account.keys.authKey, ip()), 200);
  });

  it('throttles an unknown email exactly like a known one', async () => {
    const email = newEmail('ghost');
    for (let i = 0; i <= ACCOUNT_THROTTLE.freeFailures; i++)
      await expectError(await signIn(email, randomBytes(32)), 401, 'credentials-invalid');
    const res = await signIn(email, randomBytes(32));
    expect(res.headers.get('retry-after')).toBe(String(delayAfter(5)));
    await expectError(res, 429, 'rate-limited');
  });

  it('limits failed attempts per client address, across accounts', async () => {
    const ip = randomIp();
    for (let i = 0; i < CLIENT_LIMITS.failure.limit; i++)
      await expectError(await signIn(newEmail(), randomBytes(32), ip), 401, 'credentials-invalid');
    const account = await register();
    const res = await signIn(account.email, account.keys.authKey, ip);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(CLIENT_LIMITS.failure.windowSeconds - 60);
    await expectError(res, 429, 'rate-limited');
    // Another address is not affected.
    await json(await signIn(account.email, account.keys.authKey, randomIp()), 200);
  });

  it('limits unauthenticated requests per client address', async () => {
    const ip = randomIp();
    const email = newEmail();
    for (let i = 0; i < CLIENT_LIMITS.request.limit; i++)
      await json(await call('/auth/prelogin', { body: { email }, ip }), 200);
    const res = await call('/auth/prelogin', { body: { email }, ip });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectError(res, 429, 'rate-limited');
  });

  it('limits registration mails per client address', async () => {
    const ip = randomIp();
    for (let i = 0; i < CLIENT_LIMITS.email.limit; i++)
      await json(await call('/auth/register/start', { body: { email: newEmail() }, ip }), 202);
    await expectError(await call('/auth/register/start', { body: { email: newEmail() }, ip }), 429, 'rate-limited');
  });

  it('asks for the second factor instead of a session when the account has a method on', async () => {
    const account = await register();
    const stub = accountStub(await accountName(account.email));
    await runInDurableObject(stub, (_, state) => {
      state.storage.sql.exec("INSERT INTO second_factor_methods (method, enabled_at) VALUES ('totp', 0), ('email', 0)");
    });
    const body = await json(await signIn(account.email, account.keys.authKey), 200);
    expect(body.kind).toBe('second-factor');
    expect(body.secondFactor.required).toBe(true);
    expect(body.secondFactor.methods).toEqual(['email', 'totp']);
    expect(body.secondFactor.attemptId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Nothing that opens the vault, and no session, before the second factor.
    expect(body.session).toBeUndefined();
    expect(body.vault).toBeUndefined();
    const sessions = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec('SELECT id FROM sessions').toArray(),
    );
    expect(sessions).toHaveLength(1);
    // A wrong password still gets the plain refusal.
    await expectError(await signIn(account.email, randomBytes(32)), 401, 'credentials-invalid');
  });
});
