import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomBytes } from '@tessera/core/crypto/random';
import { parseOtpUri } from '@tessera/core/otp/uri';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_THROTTLE } from '../src/account/throttle.ts';
import { call, callDeployed, callWith, expectError, json, outbox, register } from './helpers.ts';
import {
  codeAt,
  enableAuthenticator,
  midStep,
  otherCode,
  PERIOD_MS,
  passwordProof,
  passwordStep,
  realClock,
  setClock,
  startAuthenticator,
  twoFactorStatus,
  verified,
  verify,
} from './twofa-helpers.ts';

afterEach(realClock);

const RECOVERY_FORMAT = /^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/;

describe('authenticator app: enrolment', () => {
  it('hands out a 20-byte secret as a setup key and an otpauth URI, and is on only after a correct current code', async () => {
    const account = await register();
    expect((await twoFactorStatus(account)).methods.totp).toEqual({ state: 'off', enabledAt: null });

    const first = await startAuthenticator(account);
    expect(first.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(first.secretBytes).toHaveLength(20);
    expect(first.uri.startsWith(`otpauth://totp/Tessera:${encodeURIComponent(account.email)}?`)).toBe(true);
    const otp = parseOtpUri(first.uri);
    expect(otp).toMatchObject({
      type: 'totp',
      issuer: 'Tessera',
      account: account.email,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(otp.secret).toEqual(first.secretBytes);

    // Pending is not on: a password alone still signs in.
    const status = await twoFactorStatus(account);
    expect(status.on).toBe(false);
    expect(status.methods.totp.state).toBe('pending');
    expect(
      (
        await json(
          await call('/auth/signin', {
            body: { email: account.email, authKey: toBase64url(account.keys.authKey), deviceName: 'x' },
          }),
          200,
        )
      ).kind,
    ).toBe('session');

    const wrong = await call('/twofa/totp/confirm', {
      token: account.token,
      body: { ...passwordProof(account), code: otherCode(codeAt(first.secretBytes, Date.now())) },
    });
    await expectError(wrong, 400, 'code-invalid');
    expect((await twoFactorStatus(account)).methods.totp.state).toBe('pending');

    // Starting again replaces the secret: the first one's codes no longer confirm.
    const second = await startAuthenticator(account);
    expect(second.secret).not.toBe(first.secret);
    await expectError(
      await call('/twofa/totp/confirm', {
        token: account.token,
        body: { ...passwordProof(account), code: codeAt(first.secretBytes, Date.now()) },
      }),
      400,
      'code-invalid',
    );

    const done = await json(
      await call('/twofa/totp/confirm', {
        token: account.token,
        body: { ...passwordProof(account), code: codeAt(second.secretBytes, Date.now()) },
      }),
      200,
    );
    expect(done.twoFactor.on).toBe(true);
    expect(done.twoFactor.methods.totp.state).toBe('on');
    expect(done.twoFactor.methods.totp.enabledAt).toBeGreaterThan(0);
    expect(done.twoFactor.methods.recovery).toMatchObject({ state: 'on', remaining: 10 });
    expect(done.recoveryCodes).toHaveLength(10);
    for (const code of done.recoveryCodes) expect(code).toMatch(RECOVERY_FORMAT);
    expect(new Set(done.recoveryCodes).size).toBe(10);

    // The secret and the codes are shown once: the status has neither.
    const after = JSON.stringify(await twoFactorStatus(account));
    expect(after).not.toContain(second.secret);
    for (const code of done.recoveryCodes) expect(after).not.toContain(code);

    expect((await passwordStep(account)).methods).toEqual(['recovery', 'totp']);
    const notice = (await outbox(account.email)).at(-1);
    expect(notice?.subject).toBe('Tessera: two-factor sign-in changed');
    expect(notice?.text).toContain('Sign-in with an authenticator app was turned on');
  });

  it('refuses to set the app up again while it is on', async () => {
    const account = await register();
    const { secret } = await enableAuthenticator(account);
    await expectError(await call('/twofa/totp', { method: 'POST', token: account.token }), 409, 'method-already-on');
    await expectError(
      await call('/twofa/totp/confirm', {
        token: account.token,
        body: { ...passwordProof(account), code: codeAt(secret, Date.now()) },
      }),
      409,
      'method-already-on',
    );
  });

  it('confirming without a set-up in progress is refused', async () => {
    const account = await register();
    await expectError(
      await call('/twofa/totp/confirm', { token: account.token, body: { ...passwordProof(account), code: '123456' } }),
      409,
      'method-unavailable',
    );
    await expectError(await call('/twofa/totp', { method: 'POST' }), 401, 'session-invalid');
  });
});

describe('authenticator app: sign-in', () => {
  it('accepts the codes of the previous, current and next time step, and refuses two steps away', async () => {
    const account = await register();
    const { secret } = await enableAuthenticator(account);
    const now = midStep();
    setClock(now);
    for (const steps of [-2, 2]) {
      const attempt = await passwordStep(account);
      await expectError(
        await verify(account, attempt, 'totp', codeAt(secret, now + steps * PERIOD_MS)),
        400,
        'code-invalid',
      );
    }
    // In increasing order, since a step once used closes every earlier one.
    for (const steps of [-1, 0, 1]) {
      const token = await verified(
        account,
        await passwordStep(account),
        'totp',
        codeAt(secret, now + steps * PERIOD_MS),
      );
      await json(await call('/account', { token }), 200);
    }
  });

  it('refuses a code whose time step was already used, in the same or a new sign-in', async () => {
    const account = await register();
    const enrolledAt = midStep();
    setClock(enrolledAt);
    const { secret } = await enableAuthenticator(account);
    // The code that confirmed the app has been used.
    await expectError(
      await verify(account, await passwordStep(account), 'totp', codeAt(secret, enrolledAt)),
      400,
      'code-used',
    );

    const now = enrolledAt + 10 * PERIOD_MS;
    setClock(now);
    const code = codeAt(secret, now);
    await verified(account, await passwordStep(account), 'totp', code);
    const replay = await expectError(
      await verify(account, await passwordStep(account), 'totp', code),
      400,
      'code-used',
    );
    expect(replay).toContain('already used');
    // An earlier step inside the window was never typed, but it is older than one that was.
    await expectError(
      await verify(account, await passwordStep(account), 'totp', codeAt(secret, now - PERIOD_MS)),
      400,
      'code-used',
    );
    // The next step's code is new.
    await verified(account, await passwordStep(account), 'totp', codeAt(secret, now + PERIOD_MS));
  });

  it('does not open the secret under another TWOFA_SECRET_KEY: it is sealed under the configured one', async () => {
    const account = await register();
    const { secret } = await enableAuthenticator(account);
    const now = midStep();
    setClock(now);
    const attempt = await passwordStep(account);
    const body = { email: account.email, attemptId: attempt.attemptId, method: 'totp', code: codeAt(secret, now) };
    const other = toBase64url(randomBytes(32));
    await expectError(
      await callWith({ TWOFA_SECRET_KEY: other }, '/auth/signin/verify', { body }),
      503,
      'server-misconfigured',
    );
    // The refusal spent nothing: with the right key the same code still signs in.
    await verified(account, attempt, 'totp', body.code);
  });
});

describe('authenticator app: turning it off', () => {
  it('needs a session and the password proof; the last method off turns two-factor sign-in off', async () => {
    const account = await register();
    await enableAuthenticator(account);
    await expectError(await call('/twofa/totp/disable', { body: passwordProof(account) }), 401, 'session-invalid');
    await expectError(await call('/twofa/totp/disable', { token: account.token, body: {} }), 400, 'invalid-body');
    await expectError(
      await call('/twofa/totp/disable', { token: account.token, body: { authKey: toBase64url(randomBytes(32)) } }),
      401,
      'credentials-invalid',
    );
    expect((await twoFactorStatus(account)).methods.totp.state).toBe('on');

    const done = await json(
      await call('/twofa/totp/disable', { token: account.token, body: passwordProof(account) }),
      200,
    );
    expect(done.twoFactor.on).toBe(false);
    expect(done.twoFactor.methods.totp.state).toBe('off');
    expect(done.twoFactor.methods.recovery).toEqual({ state: 'off', enabledAt: null, remaining: 0 });
    const notice = (await outbox(account.email)).find((m) => m.text.includes('authenticator app was turned off'));
    expect(notice?.text).toContain('Two-factor sign-in is now off');
    expect(
      (
        await json(
          await call('/auth/signin', {
            body: { email: account.email, authKey: toBase64url(account.keys.authKey), deviceName: 'x' },
          }),
          200,
        )
      ).kind,
    ).toBe('session');
    await expectError(
      await call('/twofa/totp/disable', { token: account.token, body: passwordProof(account) }),
      409,
      'method-unavailable',
    );
  });

  it('counts wrong password proofs toward the account throttle', async () => {
    const account = await register();
    await enableAuthenticator(account);
    for (let i = 0; i <= ACCOUNT_THROTTLE.freeFailures; i++) {
      await expectError(
        await call('/twofa/totp/disable', { token: account.token, body: { authKey: toBase64url(randomBytes(32)) } }),
        401,
        'credentials-invalid',
      );
    }
    const limited = await call('/twofa/totp/disable', { token: account.token, body: passwordProof(account) });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectError(limited, 429, 'rate-limited');
    expect((await twoFactorStatus(account)).methods.totp.state).toBe('on');
  });

  it('abandons a set-up that was never confirmed, with the password proof', async () => {
    const account = await register();
    await startAuthenticator(account);
    const done = await json(
      await call('/twofa/totp/disable', { token: account.token, body: passwordProof(account) }),
      200,
    );
    expect(done.twoFactor.methods.totp.state).toBe('off');
  });
});

describe('TWOFA_SECRET_KEY', () => {
  it('a deployment without a usable one answers 503 server-misconfigured', async () => {
    const account = await register();
    await expectError(
      await callDeployed('/twofa/totp', { method: 'POST', token: account.token }),
      503,
      'server-misconfigured',
    );
    await expectError(
      await callDeployed('/twofa/totp', { method: 'POST', token: account.token }, { TWOFA_SECRET_KEY: 'too short' }),
      503,
      'server-misconfigured',
    );
    const body = { email: account.email, attemptId: 'AAAAAAAAAAAAAAAAAAAAAA', method: 'totp', code: '123456' };
    await expectError(await callDeployed('/auth/signin/verify', { body }), 503, 'server-misconfigured');
    const started = await callDeployed(
      '/twofa/totp',
      { method: 'POST', token: account.token },
      { TWOFA_SECRET_KEY: toBase64url(randomBytes(32)) },
    );
    expect((await json(started, 200)).secret).toMatch(/^[A-Z2-7]{32}$/);
  });
});
