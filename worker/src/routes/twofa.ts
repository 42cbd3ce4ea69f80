import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';
import {
  CODE_CHANNELS,
  type CodeChannel,
  type CodeSentResponse,
  ENROLLABLE_METHODS,
  EnrolmentConfirmRequestSchema,
  PasswordProofRequestSchema,
  SmsEnrolmentRequestSchema,
  type TwoFactorChangeResponse,
  type TwoFactorStatus,
} from '@tessera/core/sync/two-factor';
import { type Context, Hono } from 'hono';
import { sha256 } from '../crypto.ts';
import type { AppEnv } from '../env.ts';
import { jsonBody } from '../http/body.ts';
import { admitClient } from '../http/client.ts';
import { ApiError, unwrap } from '../http/errors.ts';
import { requireSession } from '../http/session.ts';
import { confirmEmailCode, confirmPhoneCode, twoFactorChanged } from '../notify/messages.ts';
import { sendNotice } from '../notify/notices.ts';
import { notifierFor } from '../notify/select.ts';
import { authenticatorEnrolment, newAuthenticatorSecret, sealingKey } from '../twofa/authenticator.ts';
import { maskPhone, newCode, newRecoveryCodes } from '../twofa/codes.ts';
import { codeHash, twoFactorKeys } from '../twofa/keys.ts';

// Two-factor methods of the signed-in account (docs/api.md, "Turning a method on"). Starting a
// set-up needs a session; turning a method on (the confirm step, which also hands out the first
// recovery codes), turning one off and making new recovery codes also need the password proof,
// so a stolen session token can neither weaken the account nor add a factor of its choice.
// Sessions that exist when a method is turned on stay valid; the next new sign-in needs it.
export const twofa = new Hono<AppEnv>();

function changeBody(status: TwoFactorStatus, recoveryCodes?: string[]): TwoFactorChangeResponse {
  return recoveryCodes === undefined ? { twoFactor: status } : { twoFactor: status, recoveryCodes };
}

function senderFor(c: Context<AppEnv>, channel: CodeChannel) {
  const sender = notifierFor(c.env)[channel];
  if (sender === null)
    throw new ApiError(
      'server-misconfigured',
      `This server cannot send ${channel === 'sms' ? 'text messages' : 'email'}; its operator must configure a provider`,
    );
  return sender;
}

twofa.get('/', requireSession, async (c) => {
  const status: TwoFactorStatus = unwrap(await c.var.account.twoFactorStatus(c.var.tokenHash));
  return c.json(status);
});

// A new secret for the authenticator app, returned this once; a repeated start replaces it.
twofa.post('/totp', requireSession, async (c) => {
  const keys = await twoFactorKeys(c.env);
  const { secret, sealed } = newAuthenticatorSecret(keys, c.var.accountName);
  try {
    const { email } = unwrap(await c.var.account.startAuthenticator(c.var.tokenHash, sealed));
    return c.json(authenticatorEnrolment(secret, email));
  } finally {
    secret.fill(0);
  }
});

twofa.post('/totp/confirm', requireSession, jsonBody(EnrolmentConfirmRequestSchema), async (c) => {
  const { code, authKey } = c.req.valid('json');
  const keys = await twoFactorKeys(c.env);
  const recovery = await newRecoveryCodes(keys, c.var.accountName);
  const proof = { method: 'totp' as const, code, sealing: sealingKey(keys, c.var.accountName) };
  const done = unwrap(
    await c.var.account.confirmEnrolment(c.var.tokenHash, await sha256(authKey), proof, recovery.hashes),
  );
  await sendNotice(c.env, twoFactorChanged(done.email, 'totp-on', true, Date.now()));
  return c.json(changeBody(done.status, done.recoveryIssued ? recovery.shown : undefined));
});

// Email: a code to the account's own address. SMS: a code to the number being added. Either is
// on only once its code comes back.
async function sendEnrolmentCode(c: Context<AppEnv>, channel: CodeChannel, phone: string | null): Promise<Response> {
  const sender = senderFor(c, channel);
  const keys = await twoFactorKeys(c.env);
  await admitClient(c, ['message']);
  const code = newCode();
  const hash = await codeHash(keys, 'enrolment-code', c.var.accountName, code);
  const { to, expiresAt } = unwrap(await c.var.account.startCodeEnrolment(c.var.tokenHash, channel, hash, phone));
  await sender.send(channel === 'email' ? confirmEmailCode(to, code) : confirmPhoneCode(to, code));
  const body: CodeSentResponse = {
    sent: true,
    to: channel === 'email' ? to : maskPhone(to),
    expiresAt,
    resendAfterSeconds: TWO_FACTOR_RULES.resendAfterSeconds,
  };
  return c.json(body, 202);
}

twofa.post('/email', requireSession, (c) => sendEnrolmentCode(c, 'email', null));

twofa.post('/sms', requireSession, jsonBody(SmsEnrolmentRequestSchema), (c) =>
  sendEnrolmentCode(c, 'sms', c.req.valid('json').phone),
);

for (const channel of CODE_CHANNELS) {
  twofa.post(`/${channel}/confirm`, requireSession, jsonBody(EnrolmentConfirmRequestSchema), async (c) => {
    const { code, authKey } = c.req.valid('json');
    const keys = await twoFactorKeys(c.env);
    const recovery = await newRecoveryCodes(keys, c.var.accountName);
    const proof = { method: channel, codeHash: await codeHash(keys, 'enrolment-code', c.var.accountName, code) };
    const done = unwrap(
      await c.var.account.confirmEnrolment(c.var.tokenHash, await sha256(authKey), proof, recovery.hashes),
    );
    await sendNotice(c.env, twoFactorChanged(done.email, `${channel}-on`, true, Date.now()));
    return c.json(changeBody(done.status, done.recoveryIssued ? recovery.shown : undefined));
  });
}

// Also abandons a set-up that was never confirmed. The last method off takes the recovery codes
// with it: two-factor sign-in is then off.
for (const method of ENROLLABLE_METHODS) {
  twofa.post(`/${method}/disable`, requireSession, jsonBody(PasswordProofRequestSchema), async (c) => {
    const { authKey } = c.req.valid('json');
    const done = unwrap(await c.var.account.disableMethod(c.var.tokenHash, await sha256(authKey), method));
    if (done.wasOn) await sendNotice(c.env, twoFactorChanged(done.email, `${method}-off`, done.status.on, Date.now()));
    return c.json(changeBody(done.status));
  });
}

// A new set of ten; every code of the old set stops working.
twofa.post('/recovery/regenerate', requireSession, jsonBody(PasswordProofRequestSchema), async (c) => {
  const { authKey } = c.req.valid('json');
  const keys = await twoFactorKeys(c.env);
  const recovery = await newRecoveryCodes(keys, c.var.accountName);
  const done = unwrap(
    await c.var.account.regenerateRecoveryCodes(c.var.tokenHash, await sha256(authKey), recovery.hashes),
  );
  await sendNotice(c.env, twoFactorChanged(done.email, 'recovery-regenerated', true, Date.now()));
  return c.json(changeBody(done.status, recovery.shown));
});
