import { randomId } from '@tessera/core/crypto/random';
import type { ApiErrorCode } from '@tessera/core/sync/errors';
import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';
import {
  type CodeSentResponse,
  SignInCodeRequestSchema,
  SignInVerifyRequestSchema,
} from '@tessera/core/sync/two-factor';
import { Hono } from 'hono';
import { accountName, hashAttemptId, newSessionToken } from '../account/names.ts';
import type { FactorProof } from '../account/signin-factor.ts';
import type { AppEnv } from '../env.ts';
import { jsonBody } from '../http/body.ts';
import { admitClient, recordClientFailure } from '../http/client.ts';
import { ApiError, unwrap } from '../http/errors.ts';
import {
  newDeviceSignedIn,
  passwordResetWithRecoveryKey,
  recoveryCodeUsed,
  repeatedWrongCodes,
  signInCodeEmail,
  signInCodeSms,
} from '../notify/messages.ts';
import { sendNotice } from '../notify/notices.ts';
import { notifierFor } from '../notify/select.ts';
import { sealingKey } from '../twofa/authenticator.ts';
import { maskPhone, newCode } from '../twofa/codes.ts';
import { codeHash, twoFactorKeys } from '../twofa/keys.ts';
import { signInBody } from './bodies.ts';

// The second step of sign-in (docs/api.md, "Signing in with a second factor"), mounted at
// /auth/signin: the client names the attempt that the password step opened, with the email
// that finds its account. Counted per client address like the rest of /auth.
export const signInFactor = new Hono<AppEnv>();

// Refusals that are guesses (or probes) and count toward the client address's failure limit.
const GUESSES = new Set<ApiErrorCode>(['code-invalid', 'code-used', 'code-expired', 'attempt-invalid']);

// The user picked email or text message: only now is a code made and sent.
signInFactor.post('/send', jsonBody(SignInCodeRequestSchema), async (c) => {
  const { email, attemptId, method } = c.req.valid('json');
  const sender = notifierFor(c.env)[method];
  if (sender === null)
    throw new ApiError(
      'server-misconfigured',
      `This server cannot send ${method === 'sms' ? 'text messages' : 'email'}; its operator must configure a provider`,
    );
  const keys = await twoFactorKeys(c.env);
  await admitClient(c, ['request', 'message'], ['failure']);
  const name = await accountName(email);
  const code = newCode();
  const result = await c.env.ACCOUNTS.getByName(name).sendSignInCode(
    await hashAttemptId(attemptId),
    method,
    await codeHash(keys, 'signin-code', name, code),
  );
  if (!result.ok && GUESSES.has(result.code)) await recordClientFailure(c);
  const { to, expiresAt } = unwrap(result);
  await sender.send(method === 'email' ? signInCodeEmail(to, code) : signInCodeSms(to, code));
  const body: CodeSentResponse = {
    sent: true,
    to: method === 'email' ? to : maskPhone(to),
    expiresAt,
    resendAfterSeconds: TWO_FACTOR_RULES.resendAfterSeconds,
  };
  return c.json(body, 202);
});

signInFactor.post('/verify', jsonBody(SignInVerifyRequestSchema), async (c) => {
  const body = c.req.valid('json');
  const keys = await twoFactorKeys(c.env);
  await admitClient(c, ['request'], ['failure']);
  const name = await accountName(body.email);
  const proof: FactorProof =
    body.method === 'totp'
      ? { method: 'totp', code: body.code, sealing: sealingKey(keys, name) }
      : {
          method: body.method,
          codeHash: await codeHash(keys, body.method === 'recovery' ? 'recovery-code' : 'signin-code', name, body.code),
        };
  const { token, tokenHash } = await newSessionToken(name);
  const judged = await c.env.ACCOUNTS.getByName(name).completeSignIn(await hashAttemptId(body.attemptId), proof, {
    id: randomId(),
    tokenHash,
  });
  const now = Date.now();
  if (judged.alert && judged.email !== null) await sendNotice(c.env, repeatedWrongCodes(judged.email, now));
  if (!judged.outcome.ok && GUESSES.has(judged.outcome.code)) await recordClientFailure(c);
  const done = unwrap(judged.outcome);
  await sendNotice(
    c.env,
    done.reset
      ? passwordResetWithRecoveryKey(done.email, done.deviceName, now)
      : newDeviceSignedIn(done.email, done.deviceName, now),
  );
  if (done.recoveryCodesLeft !== null)
    await sendNotice(c.env, recoveryCodeUsed(done.email, done.recoveryCodesLeft, now));
  return c.json(signInBody(done.grant, token));
});
