import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomBytes } from '@tessera/core/crypto/random';
import { afterEach, describe, expect, it } from 'vitest';
import { call, expectError, json, lastCode, outbox, register } from './helpers.ts';
import {
  enableAuthenticator,
  enableEmail,
  otherCode,
  passwordProof,
  passwordStep,
  realClock,
  sendCode,
  setClock,
  twoFactorStatus,
  verified,
  verify,
} from './twofa-helpers.ts';

afterEach(realClock);

const TEN_MINUTES = 10 * 60 * 1000;

describe('email codes: enrolment', () => {
  it("turns on once the code mailed to the account's address comes back", async () => {
    const account = await register();
    const now = Date.now() + 60_000;
    setClock(now);
    const sent = await json(await call('/twofa/email', { method: 'POST', token: account.token }), 202);
    expect(sent).toEqual({ sent: true, to: account.email, expiresAt: now + TEN_MINUTES, resendAfterSeconds: 30 });
    const mail = (await outbox(account.email)).at(-1);
    expect(mail?.channel).toBe('email');
    expect(mail?.subject).toMatch(/^Tessera code: \d{6}$/);
    const status = await twoFactorStatus(account);
    expect(status.methods.email).toEqual({ state: 'pending', enabledAt: null, address: account.email });
    expect(status.on).toBe(false);

    const code = await lastCode(account.email);
    expect(
      await expectError(
        await call('/twofa/email/confirm', {
          token: account.token,
          body: { ...passwordProof(account), code: otherCode(code) },
        }),
        400,
        'code-invalid',
      ),
    ).toContain('4 tries left');
    const done = await json(
      await call('/twofa/email/confirm', { token: account.token, body: { ...passwordProof(account), code } }),
      200,
    );
    expect(done.twoFactor.methods.email).toEqual({ state: 'on', enabledAt: now, address: account.email });
    expect(done.recoveryCodes).toHaveLength(10);
    expect((await outbox(account.email)).at(-1)?.text).toContain('Sign-in codes by email were turned on');
    await expectError(await call('/twofa/email', { method: 'POST', token: account.token }), 409, 'method-already-on');
  });

  it('a second method does not show recovery codes again', async () => {
    const account = await register();
    expect(await enableAuthenticator(account).then((r) => r.recoveryCodes)).toHaveLength(10);
    expect(await enableEmail(account)).toBeUndefined();
    expect((await twoFactorStatus(account)).methods.recovery.remaining).toBe(10);
  });

  it('the enrolment code expires after 10 minutes, takes 5 tries, and is resent at most every 30 s', async () => {
    const account = await register();
    const start = Date.now() + 60_000;
    setClock(start);
    await json(await call('/twofa/email', { method: 'POST', token: account.token }), 202);
    const first = await lastCode(account.email);

    setClock(start + 10_000);
    const early = await call('/twofa/email', { method: 'POST', token: account.token });
    expect(early.headers.get('retry-after')).toBe('20');
    await expectError(early, 429, 'rate-limited');

    setClock(start + TEN_MINUTES);
    await expectError(
      await call('/twofa/email/confirm', { token: account.token, body: { ...passwordProof(account), code: first } }),
      400,
      'code-expired',
    );

    await json(await call('/twofa/email', { method: 'POST', token: account.token }), 202);
    const second = await lastCode(account.email);
    for (let left = 4; left >= 1; left--) {
      const message = await expectError(
        await call('/twofa/email/confirm', {
          token: account.token,
          body: { ...passwordProof(account), code: otherCode(second) },
        }),
        400,
        'code-invalid',
      );
      expect(message).toContain(`${left} ${left === 1 ? 'try' : 'tries'} left`);
    }
    await expectError(
      await call('/twofa/email/confirm', {
        token: account.token,
        body: { ...passwordProof(account), code: otherCode(second) },
      }),
      400,
      'code-expired',
    );
    // Void now, even when right.
    await expectError(
      await call('/twofa/email/confirm', { token: account.token, body: { ...passwordProof(account), code: second } }),
      400,
      'code-expired',
    );
    expect((await twoFactorStatus(account)).methods.email.state).toBe('pending');
  });
});

describe('email codes: sign-in', () => {
  it('sends nothing until the user picks email; the code is 6 digits and works once', async () => {
    const account = await register();
    await enableEmail(account);
    const before = (await outbox(account.email)).length;
    const attempt = await passwordStep(account, 'Library PC');
    expect(attempt.methods).toEqual(['email', 'recovery']);
    expect(await outbox(account.email)).toHaveLength(before);

    const sent = await json(await sendCode(account, attempt, 'email'), 202);
    expect(sent).toMatchObject({ sent: true, to: account.email, resendAfterSeconds: 30 });
    const mail = (await outbox(account.email)).at(-1);
    const code = await lastCode(account.email);
    expect(mail?.subject).toBe(`Tessera sign-in code: ${code}`);
    // Only the code and what happened: no device name, no address of the requester.
    expect(mail?.text).not.toContain('Library PC');
    expect(mail?.text).not.toMatch(/198\.1[89]\./);

    const token = await verified(account, attempt, 'email', code);
    await json(await call('/account', { token }), 200);
    await expectError(await verify(account, attempt, 'email', code), 401, 'attempt-invalid');
    await expectError(await verify(account, await passwordStep(account), 'email', code), 400, 'code-expired');
  });

  it('a code takes 5 tries, then is void; a new one can be sent after 30 s', async () => {
    const account = await register();
    await enableEmail(account);
    const start = Date.now() + 60_000;
    setClock(start);
    const attempt = await passwordStep(account);
    await json(await sendCode(account, attempt, 'email'), 202);
    const code = await lastCode(account.email);
    for (let left = 4; left >= 1; left--) {
      expect(
        await expectError(await verify(account, attempt, 'email', otherCode(code)), 400, 'code-invalid'),
      ).toContain(`${left} `);
    }
    await expectError(await verify(account, attempt, 'email', otherCode(code)), 400, 'code-expired');
    await expectError(await verify(account, attempt, 'email', code), 400, 'code-expired');

    const tooSoon = await sendCode(account, attempt, 'email');
    expect(Number(tooSoon.headers.get('retry-after'))).toBe(30);
    await expectError(tooSoon, 429, 'rate-limited');
    setClock(start + 30_000);
    await json(await sendCode(account, attempt, 'email'), 202);
    const next = await lastCode(account.email);
    // The attempt has 10 - 5 = 5 tries left, the new code 5.
    expect(await expectError(await verify(account, attempt, 'email', otherCode(next)), 400, 'code-invalid')).toContain(
      '4 tries left',
    );
    await verified(account, attempt, 'email', next);
  });

  it('a code cannot outlive its sign-in attempt (10 minutes)', async () => {
    const account = await register();
    await enableEmail(account);
    const start = Date.now() + 60_000;
    setClock(start);
    const attempt = await passwordStep(account);
    expect(attempt.expiresAt).toBe(start + TEN_MINUTES);
    setClock(start + 5 * 60_000);
    const sent = await json(await sendCode(account, attempt, 'email'), 202);
    expect(sent.expiresAt).toBe(start + TEN_MINUTES);
    const code = await lastCode(account.email);
    setClock(start + TEN_MINUTES);
    await expectError(await verify(account, attempt, 'email', code), 401, 'attempt-invalid');
    await expectError(await sendCode(account, attempt, 'email'), 401, 'attempt-invalid');
  });

  it('limits codes per attempt (5) and per account (10 an hour)', async () => {
    const account = await register();
    await enableEmail(account);
    // A fresh hour, so the enrolment mail is not in the window.
    let now = Date.now() + 2 * 3600_000;
    setClock(now);
    let sent = 0;
    for (let attempts = 0; attempts < 2; attempts++) {
      const attempt = await passwordStep(account);
      for (let i = 0; i < 5; i++) {
        await json(await sendCode(account, attempt, 'email'), 202);
        sent++;
        now += 31_000;
        setClock(now);
      }
      const spent = await sendCode(account, attempt, 'email');
      expect(await expectError(spent, 429, 'rate-limited')).toContain('sign in again');
    }
    expect(sent).toBe(10);
    const perAccount = await sendCode(account, await passwordStep(account), 'email');
    expect(Number(perAccount.headers.get('retry-after'))).toBeGreaterThan(3600 - 10 * 31 - 5);
    expect(await expectError(perAccount, 429, 'rate-limited')).toContain('Too many codes');
  });
});

describe('email codes: turning them off', () => {
  it('needs the password proof', async () => {
    const account = await register();
    await enableAuthenticator(account);
    await enableEmail(account);
    await expectError(
      await call('/twofa/email/disable', { token: account.token, body: { authKey: toBase64url(randomBytes(32)) } }),
      401,
      'credentials-invalid',
    );
    const done = await json(
      await call('/twofa/email/disable', { token: account.token, body: passwordProof(account) }),
      200,
    );
    expect(done.twoFactor.methods.email.state).toBe('off');
    // The authenticator is still on, and so are the recovery codes.
    expect(done.twoFactor.on).toBe(true);
    expect(done.twoFactor.methods.recovery.state).toBe('on');
    expect((await passwordStep(account)).methods).toEqual(['recovery', 'totp']);
    const notice = (await outbox(account.email)).at(-1);
    expect(notice?.text).toContain('Sign-in codes by email were turned off');
    expect(notice?.text).not.toContain('now off');
  });
});
