import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomId } from '@tessera/core/crypto/random';
import { ACCOUNT_RULES } from '@tessera/core/sync/limits';
import {
  PreloginRequestSchema,
  type PreloginResponseBody,
  RegisterFinishRequestSchema,
  RecoverRequestSchema,
  RegisterStartRequestSchema,
  SignInRequestSchema,
} from '@tessera/core/sync/protocol';
import { Hono } from 'hono';
import { ACCEPTED_KDF, requireAcceptedKdf } from '../account/kdf-policy.ts';
import { accountName, newAttempt, newSessionToken } from '../account/names.ts';
import { hmacSha256, randomDigits, sha256 } from '../crypto.ts';
import { type AppEnv, type Env, isDevMode } from '../env.ts';
import { jsonBody } from '../http/body.ts';
import { admitClient, recordClientFailure } from '../http/client.ts';
import { ApiError, unwrap } from '../http/errors.ts';
import { requireSession } from '../http/session.ts';
import {
  newDeviceSignedIn,
  passwordResetWithRecoveryKey,
  registrationCode,
  registrationForExistingAccount,
} from '../notify/messages.ts';
import { sendNotice } from '../notify/notices.ts';
import { notifierFor } from '../notify/select.ts';
import { signInBody } from './bodies.ts';

export const auth = new Hono<AppEnv>();

// Local development gets a fixed secret so `npm start` works out of the box; a deployment must set
// its own (`wrangler secret put PRELOGIN_SECRET`), or fake salts would be computable by anyone.
const DEV_PRELOGIN_SECRET = 'tessera development prelogin secret (never used when DEV_MODE is off)';

function preloginSecret(env: Env): string {
  if (env.PRELOGIN_SECRET) return env.PRELOGIN_SECRET;
  if (isDevMode(env)) return DEV_PRELOGIN_SECRET;
  throw new ApiError('server-misconfigured', 'This server has no PRELOGIN_SECRET set; its operator must set one');
}

// Codes are hashed with the account's name, so equal codes of two accounts have unrelated hashes.
// Six digits are no secret to an offline guesser; the hash keeps codes out of stored data and
// the expiry and try count keep them from being guessed online.
function codeHash(account: string, code: string): Promise<Uint8Array> {
  return sha256('tessera v1 email-code\0', account, '\0', code);
}

// An unknown email gets a deterministic fake salt (HMAC of the email under a server secret) and
// the one parameter set every account has (account/kdf-policy.ts), so the answer is the same
// shape, stable across calls, and does not tell whether the address has an account. The fake
// salt is computed for every request, and the account's object only reads (it writes nothing for
// an unknown email), so both answers take the same work (docs/api.md, prelogin).
auth.post('/prelogin', jsonBody(PreloginRequestSchema), async (c) => {
  const { email } = c.req.valid('json');
  const secret = preloginSecret(c.env);
  await admitClient(c, ['request']);
  const fakeSalt = (await hmacSha256(secret, 'tessera v1 prelogin\0', email)).slice(0, 16);
  const found = await c.env.ACCOUNTS.getByName(await accountName(email)).prelogin();
  const body: PreloginResponseBody = {
    salt: toBase64url(found === null ? fakeSalt : new Uint8Array(found.salt)),
    kdf: found === null ? { ...ACCEPTED_KDF } : found.kdf,
  };
  return c.json(body);
});

// Step 1: mail a code. An address that already has an account gets a notice instead of a code,
// and the answer is the same, so this route does not reveal who has an account either.
auth.post('/register/start', jsonBody(RegisterStartRequestSchema), async (c) => {
  const { email } = c.req.valid('json');
  const mail = notifierFor(c.env).email;
  if (mail === null)
    throw new ApiError(
      'server-misconfigured',
      'This server cannot send email; its operator must configure an email provider',
    );
  await admitClient(c, ['request', 'email']);
  const name = await accountName(email);
  const code = randomDigits(ACCOUNT_RULES.codeDigits);
  const started = unwrap(await c.env.ACCOUNTS.getByName(name).startRegistration(await codeHash(name, code)));
  await mail.send(started === 'code' ? registrationCode(email, code) : registrationForExistingAccount(email));
  return c.json({ sent: true, expiresInSeconds: ACCOUNT_RULES.codeLifetimeSeconds }, 202);
});

// Step 2: the code and the vault's key material create the account and sign this device in.
auth.post('/register/finish', jsonBody(RegisterFinishRequestSchema), async (c) => {
  const body = c.req.valid('json');
  requireAcceptedKdf(body.kdf, 'kdf');
  await admitClient(c, ['request'], ['failure']);
  const name = await accountName(body.email);
  const { token, tokenHash } = await newSessionToken(name);
  const result = await c.env.ACCOUNTS.getByName(name).finishRegistration(
    await codeHash(name, body.code),
    {
      email: body.email,
      vaultId: body.vaultId,
      salt: body.salt,
      kdf: body.kdf,
      verifier: await sha256(body.authKey),
      wrappedVaultKey: body.wrappedVaultKey,
      recovery: body.recovery ?? null,
    },
    { id: randomId(), tokenHash, deviceName: body.deviceName, deviceKind: body.deviceKind ?? null },
  );
  if (!result.ok && (result.code === 'code-invalid' || result.code === 'code-expired')) await recordClientFailure(c);
  return c.json(signInBody(unwrap(result), token), 201);
});

// With two-factor sign-in on, a correct password answers with an attempt to complete through
// /auth/signin/send and /auth/signin/verify (routes/signin-factor.ts) instead of a session.
auth.post('/signin', jsonBody(SignInRequestSchema), async (c) => {
  const body = c.req.valid('json');
  await admitClient(c, ['request'], ['failure']);
  const name = await accountName(body.email);
  const { token, tokenHash } = await newSessionToken(name);
  const session = { id: randomId(), tokenHash, deviceName: body.deviceName, deviceKind: body.deviceKind ?? null };
  const result = await c.env.ACCOUNTS.getByName(name).signIn(await sha256(body.authKey), session, await newAttempt());
  if (!result.ok && result.code === 'credentials-invalid') await recordClientFailure(c);
  const grant = unwrap(result);
  if (grant.kind === 'session') await sendNotice(c.env, newDeviceSignedIn(body.email, body.deviceName, Date.now()));
  return c.json(signInBody(grant, token));
});

// A forgotten password reset with the recovery key (docs/api.md, "POST /api/v1/auth/recover").
// Counted per client address like sign-in; the account's object throttles wrong keys. With
// two-factor sign-in on, the answer is an attempt completed by /auth/signin/verify.
auth.post('/recover', jsonBody(RecoverRequestSchema), async (c) => {
  const body = c.req.valid('json');
  requireAcceptedKdf(body.next.kdf, 'next.kdf');
  await admitClient(c, ['request'], ['failure']);
  const name = await accountName(body.email);
  const { token, tokenHash } = await newSessionToken(name);
  const result = await c.env.ACCOUNTS.getByName(name).recover(
    await sha256(body.recoveryAuthKey),
    {
      salt: body.next.salt,
      kdf: body.next.kdf,
      verifier: await sha256(body.next.authKey),
      wrappedVaultKey: body.next.wrappedVaultKey,
    },
    { id: randomId(), tokenHash, deviceName: body.deviceName, deviceKind: body.deviceKind ?? null },
    await newAttempt(),
  );
  if (!result.ok && result.code === 'credentials-invalid') await recordClientFailure(c);
  const grant = unwrap(result);
  if (grant.kind === 'session' && grant.email !== undefined)
    await sendNotice(c.env, passwordResetWithRecoveryKey(grant.email, body.deviceName, Date.now()));
  return c.json(signInBody(grant, token));
});

auth.post('/signout', requireSession, async (c) => {
  unwrap(await c.var.account.signOut(c.var.tokenHash));
  return c.body(null, 204);
});
