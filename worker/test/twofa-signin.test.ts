import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomId } from '@tessera/core/crypto/random';
import { afterEach, describe, expect, it } from 'vitest';
import { call, envelope, expectError, json, lastCode, outbox, pull, push, register, signIn } from './helpers.ts';
import {
  codeAt,
  enableAuthenticator,
  enableEmail,
  enableSms,
  lastSmsCode,
  midStep,
  PERIOD_MS,
  passwordProof,
  passwordStep,
  realClock,
  sendCode,
  setClock,
  verified,
  verify,
} from './twofa-helpers.ts';

afterEach(realClock);

describe('signing in with a second factor', () => {
  it('with several methods on, lists them all and lets each sign-in pick one', async () => {
    const account = await register();
    const { secret, recoveryCodes } = await enableAuthenticator(account);
    await enableEmail(account);
    const { phone } = await enableSms(account);
    const account1 = await json(await call('/account', { token: account.token }), 200);
    expect(account1.secondFactor.methods).toEqual(['email', 'recovery', 'sms', 'totp']);
    const now = midStep();
    setClock(now);

    const byApp = await passwordStep(account, 'Device A');
    expect(byApp.methods).toEqual(['email', 'recovery', 'sms', 'totp']);
    expect(byApp.attemptId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Where codes would go, masked, before a method is picked: never the full address or number.
    const email = account.email as string;
    expect(byApp.destinations).toEqual({
      email: `${email[0]}•••${email.slice(email.lastIndexOf('@'))}`,
      sms: `+${'•'.repeat(phone.length - 3)}${phone.slice(-2)}`,
    });
    expect(JSON.stringify(byApp)).not.toContain(email);
    expect(JSON.stringify(byApp)).not.toContain(phone.slice(1, -2));
    await verified(account, byApp, 'totp', codeAt(secret, now));

    const byEmail = await passwordStep(account, 'Device B');
    await json(await sendCode(account, byEmail, 'email'), 202);
    await verified(account, byEmail, 'email', await lastCode(account.email));

    const byText = await passwordStep(account, 'Device C');
    await json(await sendCode(account, byText, 'sms'), 202);
    await verified(account, byText, 'sms', await lastSmsCode(phone));

    const byRecovery = await passwordStep(account, 'Device D');
    await verified(account, byRecovery, 'recovery', (recoveryCodes as string[])[0] as string);

    const sessions = (await json(await call('/sessions', { token: account.token }), 200)).sessions;
    // All made at the same (frozen) millisecond, so in id order: compare as a set.
    expect(sessions.map((s: { deviceName: string }) => s.deviceName).sort()).toEqual([
      'Device A',
      'Device B',
      'Device C',
      'Device D',
      'Test phone',
    ]);
  });

  it('sends a code only after the user picks email or text, and only to the one picked', async () => {
    const account = await register();
    await enableEmail(account);
    const { phone } = await enableSms(account);
    const start = Date.now() + 60_000;
    setClock(start);
    const [mails, texts] = [(await outbox(account.email)).length, (await outbox(phone)).length];
    const attempt = await passwordStep(account);
    expect([(await outbox(account.email)).length, (await outbox(phone)).length]).toEqual([mails, texts]);

    await json(await sendCode(account, attempt, 'email'), 202);
    expect([(await outbox(account.email)).length, (await outbox(phone)).length]).toEqual([mails + 1, texts]);
    const emailed = await lastCode(account.email);

    // Changing one's mind: a text replaces the emailed code, which no longer counts.
    setClock(start + 30_000);
    await json(await sendCode(account, attempt, 'sms'), 202);
    expect([(await outbox(account.email)).length, (await outbox(phone)).length]).toEqual([mails + 1, texts + 1]);
    expect(await expectError(await verify(account, attempt, 'email', emailed), 400, 'code-expired')).toContain(
      'No code is waiting',
    );
    await verified(account, attempt, 'sms', await lastSmsCode(phone));
  });

  it('refuses a method that is not on, and one turned off after the password step', async () => {
    const account = await register();
    const { secret } = await enableAuthenticator(account);
    await enableEmail(account);
    const attempt = await passwordStep(account);
    await expectError(await sendCode(account, attempt, 'sms'), 409, 'method-unavailable');
    await expectError(await verify(account, attempt, 'sms', '123456'), 409, 'method-unavailable');
    await json(await call('/twofa/totp/disable', { token: account.token, body: passwordProof(account) }), 200);
    await expectError(
      await verify(account, attempt, 'totp', codeAt(secret, Date.now() + PERIOD_MS)),
      409,
      'method-unavailable',
    );
    // Not a guess: the attempt still has all its tries.
    await json(await sendCode(account, attempt, 'email'), 202);
    await verified(account, attempt, 'email', await lastCode(account.email));
  });

  it('keeps sessions made before a method was turned on; the next new sign-in needs it', async () => {
    const account = await register();
    const other = await signIn(account, 'Tablet');
    const { secret } = await enableAuthenticator(account);
    // Both existing devices keep working: the account, sync and the session list.
    for (const token of [account.token, other.token]) {
      await json(await call('/account', { token }), 200);
      await push(token, [{ id: randomId(), baseSeq: 0, envelope: envelope() }]);
      expect((await pull(token)).changes.length).toBeGreaterThan(0);
    }
    const now = midStep();
    setClock(now);
    const fresh = await json(
      await call('/auth/signin', {
        body: { email: account.email, authKey: toBase64url(account.keys.authKey), deviceName: 'Laptop' },
      }),
      200,
    );
    expect(fresh.kind).toBe('second-factor');
    expect(fresh.session).toBeUndefined();
    await verified(account, fresh.secondFactor, 'totp', codeAt(secret, now));
  });
});

describe('sign-in notices', () => {
  it('mail the device name and the time of each new sign-in, and no address', async () => {
    const account = await register();
    const at = Date.UTC(2031, 2, 4, 5, 6, 30);
    setClock(at);
    await signIn(account, 'Kitchen iPad', '198.18.7.9');
    const notice = (await outbox(account.email)).at(-1);
    expect(notice?.subject).toBe('Tessera: new sign-in');
    expect(notice?.text).toContain(
      'A new device signed in to your Tessera account on 2031-03-04 05:06 UTC. It calls itself “Kitchen iPad”.',
    );
    expect(notice?.text).not.toContain('198.18');
  });

  it('with two-factor sign-in on, mail the new sign-in only once the second factor passed', async () => {
    const account = await register();
    const { secret } = await enableAuthenticator(account);
    const now = midStep();
    setClock(now);
    const attempt = await passwordStep(account, 'Work PC');
    const before = await outbox(account.email);
    expect(before.some((m) => m.text.includes('Work PC'))).toBe(false);
    await verified(account, attempt, 'totp', codeAt(secret, now));
    expect((await outbox(account.email)).at(-1)?.text).toContain('“Work PC”');
  });
});
