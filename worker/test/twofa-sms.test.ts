import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomBytes } from '@tessera/core/crypto/random';
import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { accountName } from '../src/account/names.ts';
import { accountStub, call, callDeployed, expectError, json, outbox, register } from './helpers.ts';
import {
  enableEmail,
  enableSms,
  lastSmsCode,
  newPhone,
  otherCode,
  passwordProof,
  passwordStep,
  realClock,
  sendCode,
  twoFactorStatus,
  verified,
  verify,
} from './twofa-helpers.ts';

afterEach(realClock);

describe('text messages: adding a number', () => {
  it('accepts only E.164 numbers (+, then 8 to 15 digits), written with or without separators', async () => {
    const account = await register();
    for (const phone of [
      '07700900123',
      '+0447700900123',
      '+1234567',
      '+1234567890123456',
      '+44 7700 9001x3',
      '',
      447700900123,
      null,
    ]) {
      const message = await expectError(
        await call('/twofa/sms', { token: account.token, body: { phone } }),
        400,
        'invalid-body',
      );
      expect(message).toMatch(/^phone/);
    }
    const sent = await json(
      await call('/twofa/sms', { token: account.token, body: { phone: ' +44 (7700) 900-123 ' } }),
      202,
    );
    expect(sent.to).toBe('+••••••••••23');
    expect((await twoFactorStatus(account)).methods.sms).toEqual({
      state: 'pending',
      enabledAt: null,
      phone: '+447700900123',
    });
    const text = (await outbox('+447700900123')).at(-1);
    expect(text?.channel).toBe('sms');
    expect(text?.text).toMatch(/^Tessera code to confirm this phone number: \d{6}\. It expires in 10 minutes\.$/);
  });

  it('counts only once the texted code comes back; the same code rules as email', async () => {
    const account = await register();
    const phone = newPhone();
    await json(await call('/twofa/sms', { token: account.token, body: { phone } }), 202);
    const code = await lastSmsCode(phone);
    expect((await twoFactorStatus(account)).on).toBe(false);
    for (let left = 4; left >= 1; left--) {
      await expectError(
        await call('/twofa/sms/confirm', {
          token: account.token,
          body: { ...passwordProof(account), code: otherCode(code) },
        }),
        400,
        'code-invalid',
      );
    }
    await expectError(
      await call('/twofa/sms/confirm', {
        token: account.token,
        body: { ...passwordProof(account), code: otherCode(code) },
      }),
      400,
      'code-expired',
    );
    await expectError(
      await call('/twofa/sms/confirm', { token: account.token, body: { ...passwordProof(account), code } }),
      400,
      'code-expired',
    );
    expect((await twoFactorStatus(account)).methods.sms.state).toBe('pending');
  });

  it('a new number replaces the one being confirmed, and only its code works', async () => {
    const account = await register();
    const first = newPhone();
    await json(await call('/twofa/sms', { token: account.token, body: { phone: first } }), 202);
    const firstCode = await lastSmsCode(first);
    // Past the 30 s between codes, by moving the send into the past.
    await runInDurableObject(accountStub(await accountName(account.email)), (_, state) => {
      state.storage.sql.exec('UPDATE second_factor_enrolments SET last_sent_at = last_sent_at - 31000');
    });
    const second = newPhone();
    await json(await call('/twofa/sms', { token: account.token, body: { phone: second } }), 202);
    await expectError(
      await call('/twofa/sms/confirm', { token: account.token, body: { ...passwordProof(account), code: firstCode } }),
      400,
      'code-invalid',
    );
    const done = await json(
      await call('/twofa/sms/confirm', {
        token: account.token,
        body: { ...passwordProof(account), code: await lastSmsCode(second) },
      }),
      200,
    );
    expect(done.twoFactor.methods.sms).toMatchObject({ state: 'on', phone: second });
    expect((await outbox(account.email)).at(-1)?.text).toContain('Sign-in codes by text message were turned on');
    await expectError(
      await call('/twofa/sms', { token: account.token, body: { phone: newPhone() } }),
      409,
      'method-already-on',
    );
  });
});

describe('text messages: sign-in', () => {
  it('texts a code to the confirmed number only when the user picks it', async () => {
    const account = await register();
    const { phone } = await enableSms(account);
    const before = (await outbox(phone)).length;
    const attempt = await passwordStep(account);
    expect(attempt.methods).toEqual(['recovery', 'sms']);
    expect(await outbox(phone)).toHaveLength(before);
    const sent = await json(await sendCode(account, attempt, 'sms'), 202);
    expect(sent.to).toBe(`+${'•'.repeat(phone.length - 3)}${phone.slice(-2)}`);
    const text = (await outbox(phone)).at(-1);
    expect(text?.text).toMatch(/^Tessera sign-in code: \d{6}\. It expires in 10 minutes\. Do not share it\.$/);
    const code = await lastSmsCode(phone);
    await expectError(await verify(account, attempt, 'sms', otherCode(code)), 400, 'code-invalid');
    await verified(account, attempt, 'sms', code);
  });

  it('turns off with the password proof; the number is forgotten', async () => {
    const account = await register();
    await enableEmail(account);
    await enableSms(account);
    await expectError(
      await call('/twofa/sms/disable', { token: account.token, body: { authKey: toBase64url(randomBytes(32)) } }),
      401,
      'credentials-invalid',
    );
    const done = await json(
      await call('/twofa/sms/disable', { token: account.token, body: passwordProof(account) }),
      200,
    );
    expect(done.twoFactor.methods.sms).toEqual({ state: 'off', enabledAt: null, phone: null });
    const attempt = await passwordStep(account);
    expect(attempt.methods).toEqual(['email', 'recovery']);
    await expectError(await sendCode(account, attempt, 'sms'), 409, 'method-unavailable');
  });

  it('a deployment without an SMS provider answers 503 server-misconfigured', async () => {
    const account = await register();
    const configured = { TWOFA_SECRET_KEY: toBase64url(randomBytes(32)) };
    await expectError(
      await callDeployed('/twofa/sms', { token: account.token, body: { phone: newPhone() } }, configured),
      503,
      'server-misconfigured',
    );
    const body = { email: account.email, attemptId: 'AAAAAAAAAAAAAAAAAAAAAA', method: 'sms' };
    await expectError(await callDeployed('/auth/signin/send', { body }, configured), 503, 'server-misconfigured');
  });
});
