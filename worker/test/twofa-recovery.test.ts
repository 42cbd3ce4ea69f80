import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomBytes } from '@tessera/core/crypto/random';
import { describe, expect, it } from 'vitest';
import { call, expectError, json, outbox, register } from './helpers.ts';
import {
  enableAuthenticator,
  passwordProof,
  passwordStep,
  twoFactorStatus,
  verified,
  verify,
} from './twofa-helpers.ts';

describe('recovery codes', () => {
  it('each signs in once; its use is mailed with the number left', async () => {
    const account = await register();
    const codes = (await enableAuthenticator(account)).recoveryCodes as string[];
    const [first, second] = codes as [string, string];

    const token = await verified(account, await passwordStep(account, 'Borrowed phone'), 'recovery', first);
    await json(await call('/account', { token }), 200);
    const mails = await outbox(account.email);
    const notice = mails.find((m) => m.subject === 'Tessera: a recovery code was used');
    expect(notice?.text).toContain('9 recovery codes are left.');
    expect(notice?.text).not.toContain(first);
    expect(mails.some((m) => m.subject === 'Tessera: new sign-in' && m.text.includes('“Borrowed phone”'))).toBe(true);
    expect((await twoFactorStatus(account)).methods.recovery).toMatchObject({ state: 'on', remaining: 9 });

    const again = await expectError(
      await verify(account, await passwordStep(account), 'recovery', first),
      400,
      'code-used',
    );
    expect(again).toContain('already used');
    // Read leniently: any case, without the hyphen, spaced.
    const typed = second.toUpperCase().replace('-', ' ');
    await verified(account, await passwordStep(account), 'recovery', typed);
    expect((await twoFactorStatus(account)).methods.recovery.remaining).toBe(8);
  });

  it('a code that is not of the right form is refused before it is judged', async () => {
    const account = await register();
    await enableAuthenticator(account);
    const attempt = await passwordStep(account);
    for (const code of ['', 'abc', 'uuuuu-uuuuu', 'abcde-fghjk-m']) {
      await expectError(await verify(account, attempt, 'recovery', code), 400, 'invalid-body');
    }
    // Nothing was counted against the attempt: a well-formed wrong code still has 9 tries after it.
    expect(await expectError(await verify(account, attempt, 'recovery', 'aaaaa-aaaaa'), 400, 'code-invalid')).toContain(
      '9 tries left',
    );
  });

  it('regenerating needs the password proof, shows ten new codes and voids every old one', async () => {
    const account = await register();
    const old = (await enableAuthenticator(account)).recoveryCodes as string[];
    await verified(account, await passwordStep(account), 'recovery', old[0] as string);

    await expectError(
      await call('/twofa/recovery/regenerate', { body: passwordProof(account) }),
      401,
      'session-invalid',
    );
    await expectError(
      await call('/twofa/recovery/regenerate', { token: account.token, body: {} }),
      400,
      'invalid-body',
    );
    await expectError(
      await call('/twofa/recovery/regenerate', {
        token: account.token,
        body: { authKey: toBase64url(randomBytes(32)) },
      }),
      401,
      'credentials-invalid',
    );

    const done = await json(
      await call('/twofa/recovery/regenerate', { token: account.token, body: passwordProof(account) }),
      200,
    );
    expect(done.recoveryCodes).toHaveLength(10);
    expect(done.recoveryCodes.filter((c: string) => old.includes(c))).toEqual([]);
    expect(done.twoFactor.methods.recovery.remaining).toBe(10);
    expect((await outbox(account.email)).at(-1)?.text).toContain(
      'New recovery codes were made (the old ones no longer work)',
    );

    await expectError(
      await verify(account, await passwordStep(account), 'recovery', old[1] as string),
      400,
      'code-invalid',
    );
    // A used code of the old set is simply unknown now.
    await expectError(
      await verify(account, await passwordStep(account), 'recovery', old[0] as string),
      400,
      'code-invalid',
    );
    await verified(account, await passwordStep(account), 'recovery', done.recoveryCodes[0]);
  });

  it('exist only while another method is on', async () => {
    const account = await register();
    await expectError(
      await call('/twofa/recovery/regenerate', { token: account.token, body: passwordProof(account) }),
      409,
      'method-unavailable',
    );
    expect((await twoFactorStatus(account)).methods.recovery).toEqual({ state: 'off', enabledAt: null, remaining: 0 });
  });

  it('with all ten used, sign-in no longer offers them, and the last notice says so', async () => {
    const account = await register();
    const codes = (await enableAuthenticator(account)).recoveryCodes as string[];
    for (const code of codes) await verified(account, await passwordStep(account), 'recovery', code);
    expect(
      (await outbox(account.email)).filter((m) => m.subject === 'Tessera: a recovery code was used').at(-1)?.text,
    ).toContain('No recovery codes are left');
    const attempt = await passwordStep(account);
    expect(attempt.methods).toEqual(['totp']);
    await expectError(await verify(account, attempt, 'recovery', codes[0] as string), 409, 'method-unavailable');
    expect((await twoFactorStatus(account)).methods.recovery).toMatchObject({ state: 'on', remaining: 0 });
  });
});
