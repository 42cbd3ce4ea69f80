import { toBase64url } from '@tessera/core/crypto/bytes';
import { DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import { randomBytes } from '@tessera/core/crypto/random';
import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';
import { afterEach, describe, expect, it } from 'vitest';
import { CODE_THROTTLE, codeDelayAfter } from '../src/account/throttle.ts';
import { CLIENT_LIMITS } from '../src/limits/client-limiter.ts';
import { call, expectError, json, outbox, randomIp, type Registered, register } from './helpers.ts';
import {
  type Attempt,
  codeAt,
  enableAuthenticator,
  enableEmail,
  midStep,
  otherCode,
  PERIOD_MS,
  passwordStep,
  realClock,
  sendCode,
  setClock,
  verified,
  verify,
} from './twofa-helpers.ts';

afterEach(realClock);

const HOUR = 3600_000;

async function wrongCodes(
  account: Registered,
  attempt: Attempt,
  secret: Uint8Array,
  now: number,
  count: number,
): Promise<string[]> {
  const answers: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await verify(account, attempt, 'totp', otherCode(codeAt(secret, now)));
    answers.push(`${res.status} ${((await res.json()) as { error: { code: string } }).error.code}`);
  }
  return answers;
}

describe('limits on second-factor codes', () => {
  it('a sign-in attempt takes 10 wrong codes, then is dead', async () => {
    const account = await register();
    const { secret } = await enableAuthenticator(account);
    const now = midStep();
    setClock(now);
    const attempt = await passwordStep(account);
    for (let left = TWO_FACTOR_RULES.attemptFailures - 1; left >= 1; left--) {
      const message = await expectError(
        await verify(account, attempt, 'totp', otherCode(codeAt(secret, now))),
        400,
        'code-invalid',
      );
      expect(message).toBe(`Wrong code: ${left} ${left === 1 ? 'try' : 'tries'} left`);
    }
    expect(
      await expectError(await verify(account, attempt, 'totp', otherCode(codeAt(secret, now))), 401, 'attempt-invalid'),
    ).toContain('last try');
    // Dead for good, even with the right code.
    await expectError(await verify(account, attempt, 'totp', codeAt(secret, now)), 401, 'attempt-invalid');
  });

  it('per account: after 10 free wrong codes each one doubles the wait, answered 429 with Retry-After', async () => {
    const account = await register();
    const { secret } = await enableAuthenticator(account);
    await enableEmail(account);
    let now = midStep();
    setClock(now);
    expect(await wrongCodes(account, await passwordStep(account), secret, now, 10)).toEqual([
      ...Array(9).fill('400 code-invalid'),
      '401 attempt-invalid',
    ]);
    const warning = (await outbox(account.email)).filter((m) => m.subject === 'Tessera: repeated wrong sign-in codes');
    expect(warning).toHaveLength(1);
    expect(warning[0]?.text).toContain('change it now');

    // A new attempt does not start a new count: the account's run goes on.
    const attempt = await passwordStep(account);
    for (let failures = CODE_THROTTLE.freeFailures + 1; failures <= 14; failures++) {
      await expectError(await verify(account, attempt, 'totp', otherCode(codeAt(secret, now))), 400, 'code-invalid');
      const wait = codeDelayAfter(failures);
      expect(wait).toBe(2 ** (failures - 11));
      // While waiting, even the right code is not judged (and the refusal costs nothing).
      const limited = await verify(account, attempt, 'totp', codeAt(secret, now));
      expect(limited.headers.get('retry-after')).toBe(String(wait));
      expect(await expectError(limited, 429, 'rate-limited')).toContain(`${wait} s`);
      // Nor is a code sent.
      await expectError(await sendCode(account, attempt, 'email'), 429, 'rate-limited');
      now += wait * 1000;
      setClock(now);
    }
    // Still only one warning for the run.
    expect(
      (await outbox(account.email)).filter((m) => m.subject === 'Tessera: repeated wrong sign-in codes'),
    ).toHaveLength(1);

    // The right code, once the wait is over, signs in and ends the run.
    const code = codeAt(secret, now + PERIOD_MS);
    await verified(account, attempt, 'totp', code);
    const next = await passwordStep(account);
    await expectError(await verify(account, next, 'totp', otherCode(codeAt(secret, now))), 400, 'code-invalid');
    await expectError(await verify(account, next, 'totp', otherCode(codeAt(secret, now))), 400, 'code-invalid');
  });

  it('allows far fewer than 100 wrong codes an hour to someone who waits out every delay, then one a day', async () => {
    const account = await register();
    const { secret } = await enableAuthenticator(account);
    const start = midStep();
    let now = start;
    setClock(now);
    const failuresAt: number[] = [];
    let attempt = await passwordStep(account);
    while (now < start + 3 * 24 * HOUR) {
      // An attempt lives 10 minutes and takes 10 wrong codes: the guesser opens another.
      if (now >= attempt.expiresAt) attempt = await passwordStep(account);
      const res = await verify(account, attempt, 'totp', otherCode(codeAt(secret, now)));
      await res.body?.cancel();
      if (res.status === 429) {
        now += Number(res.headers.get('retry-after')) * 1000;
        setClock(now);
        continue;
      }
      expect([400, 401]).toContain(res.status);
      failuresAt.push(now);
      if (res.status === 401) attempt = await passwordStep(account);
    }
    const within = (ms: number) => failuresAt.filter((t) => t < start + ms).length;
    expect(within(HOUR)).toBe(22);
    expect(within(HOUR)).toBeLessThanOrEqual(100);
    expect(within(24 * HOUR)).toBe(27);
    // From the 28th on, a day apart.
    const late = failuresAt.slice(27);
    for (let i = 1; i < late.length; i++)
      expect((late[i] as number) - (late[i - 1] as number)).toBe(CODE_THROTTLE.maxDelaySeconds * 1000);
  });

  it('a password change ends the run of wrong codes and voids open sign-in attempts', async () => {
    const account = await register();
    const { secret } = await enableAuthenticator(account);
    const now = midStep();
    setClock(now);
    await wrongCodes(account, await passwordStep(account), secret, now, 10);
    const open = await passwordStep(account);
    await expectError(await verify(account, open, 'totp', otherCode(codeAt(secret, now))), 400, 'code-invalid');
    await expectError(await verify(account, open, 'totp', codeAt(secret, now)), 429, 'rate-limited');

    const next = {
      salt: toBase64url(randomBytes(16)),
      kdf: { ...DEFAULT_KDF },
    };
    const newAuthKey = randomBytes(32);
    const wrapped = randomBytes(73);
    wrapped[0] = 1;
    await json(
      await call('/account/password', {
        token: account.token,
        body: {
          authKey: toBase64url(account.keys.authKey),
          next: { ...next, authKey: toBase64url(newAuthKey), wrappedVaultKey: toBase64url(wrapped) },
        },
      }),
      200,
    );
    await expectError(await verify(account, open, 'totp', codeAt(secret, now)), 401, 'attempt-invalid');
    const changed = { ...account, keys: { ...account.keys, authKey: newAuthKey } };
    await verified(changed, await passwordStep(changed), 'totp', codeAt(secret, now));
  });

  it('attempts expire after 10 minutes', async () => {
    const account = await register();
    const { secret } = await enableAuthenticator(account);
    const now = midStep();
    setClock(now);
    const attempt = await passwordStep(account);
    setClock(now + TWO_FACTOR_RULES.attemptLifetimeSeconds * 1000);
    await expectError(
      await verify(account, attempt, 'totp', codeAt(secret, now + TWO_FACTOR_RULES.attemptLifetimeSeconds * 1000)),
      401,
      'attempt-invalid',
    );
  });

  it("wrong codes count toward the client address's failure limit, across accounts", async () => {
    const ip = randomIp();
    const now = midStep();
    const accounts = [await register(), await register()];
    const secrets = [];
    for (const account of accounts) secrets.push((await enableAuthenticator(account)).secret);
    setClock(now);
    for (const [i, account] of accounts.entries()) {
      const attempt = await passwordStep(account);
      for (let n = 0; n < CLIENT_LIMITS.failure.limit / 2; n++)
        await verify(account, attempt, 'totp', otherCode(codeAt(secrets[i] as Uint8Array, now)), ip).then((r) =>
          r.body?.cancel(),
        );
    }
    const third = await register();
    const thirdSecret = (await enableAuthenticator(third)).secret;
    const attempt = await passwordStep(third);
    const limited = await verify(third, attempt, 'totp', codeAt(thirdSecret, now + PERIOD_MS), ip);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectError(limited, 429, 'rate-limited');
    await verified(third, attempt, 'totp', codeAt(thirdSecret, now + PERIOD_MS));
  });

  it('an attempt belongs to its own account', async () => {
    const [a, b] = [await register(), await register()];
    const { secret } = await enableAuthenticator(a);
    await enableAuthenticator(b);
    const now = midStep();
    setClock(now);
    const attempt = await passwordStep(a);
    await expectError(await verify(b, attempt, 'totp', codeAt(secret, now)), 401, 'attempt-invalid');
    await expectError(
      await call('/auth/signin/verify', {
        body: { email: 'nobody@example.org', attemptId: attempt.attemptId, method: 'totp', code: '123456' },
      }),
      401,
      'attempt-invalid',
    );
    await verified(a, attempt, 'totp', codeAt(secret, now));
  });
});
