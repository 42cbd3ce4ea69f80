import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomBytes } from '@tessera/core/crypto/random';
import { describe, expect, it } from 'vitest';
import { call, expectError, json, lastCode, outbox, register, type Registered, signIn } from './helpers.ts';
import { codeAt, lastSmsCode, newPhone, startAuthenticator, twoFactorStatus } from './twofa-helpers.ts';

// Issue 15, item 2: a session token alone turned on a second factor of the holder's choice and
// received the recovery codes. Turning a method on now proves the master password, as turning
// one off does; without it the method stays pending and no recovery code is made.

type Setup = { method: 'totp' | 'email' | 'sms'; start: (account: Registered) => Promise<() => Promise<string>> };

const SETUPS: Setup[] = [
  {
    method: 'totp',
    start: async (account) => {
      const { secretBytes } = await startAuthenticator(account);
      return async () => codeAt(secretBytes, Date.now());
    },
  },
  {
    method: 'email',
    start: async (account) => {
      await json(await call('/twofa/email', { method: 'POST', token: account.token }), 202);
      return () => lastCode(account.email);
    },
  },
  {
    method: 'sms',
    start: async (account) => {
      const phone = newPhone();
      await json(await call('/twofa/sms', { token: account.token, body: { phone } }), 202);
      return () => lastSmsCode(phone);
    },
  },
];

describe('turning a method on needs the password proof', () => {
  for (const { method, start } of SETUPS) {
    it(`${method}: the right code with a session alone, or a wrong password, leaves it off and makes no recovery codes`, async () => {
      const account = await register();
      // Read once: the sign-in below mails a notice, which would then be the newest message.
      const right = await (await start(account))();
      const path = `/twofa/${method}/confirm`;
      const noProof = await expectError(
        await call(path, { token: account.token, body: { code: right } }),
        400,
        'invalid-body',
      );
      expect(noProof).toMatch(/^authKey: /);
      await expectError(
        await call(path, { token: account.token, body: { code: right, authKey: toBase64url(randomBytes(32)) } }),
        401,
        'credentials-invalid',
      );
      const status = await twoFactorStatus(account);
      expect(status.on).toBe(false);
      expect(status.methods[method].state).toBe('pending');
      expect(status.methods.recovery).toMatchObject({ state: 'off', remaining: 0 });
      // Nothing was mailed about a change, and a password alone still signs in.
      expect((await outbox(account.email)).map((m) => m.subject)).not.toContain('Tessera: two-factor sign-in changed');
      await signIn(account);

      const done = await json(
        await call(path, { token: account.token, body: { code: right, authKey: toBase64url(account.keys.authKey) } }),
        200,
      );
      expect(done.twoFactor.methods[method].state).toBe('on');
      expect(done.recoveryCodes).toHaveLength(10);
    });
  }
});
