import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomBytes } from '@tessera/core/crypto/random';
import { base32Decode } from '@tessera/core/otp/base32';
import { totp } from '@tessera/core/otp/totp';
import type { SignInResponseBody } from '@tessera/core/sync/protocol';
import type { AuthenticatorEnrolment, CodeSentResponse, TwoFactorChangeResponse } from '@tessera/core/sync/two-factor';
import { expect, vi } from 'vitest';
import { call, json, lastCode, outbox, type Registered } from './helpers.ts';

// Flows of two-factor sign-in as a client drives them, for the twofa-*.test.ts files.

export const PERIOD_MS = 30_000;

// Date.now() inside workerd (the worker and its Durable Objects run in the test's isolate) is
// the faked clock, so expiries and time steps are exact. Only Date is faked: timers still run.
export function setClock(ms: number): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
}

export function realClock(): void {
  vi.useRealTimers();
}

// The middle of a time step well ahead of now, so codes of the steps around it are unambiguous
// and nothing a test did before at real time has used them.
export function midStep(aheadMs = 3600_000): number {
  return (Math.floor((Date.now() + aheadMs) / PERIOD_MS) + 0.5) * PERIOD_MS;
}

export function codeAt(secret: Uint8Array, ms: number): string {
  return totp(secret, ms / 1000);
}

export function passwordProof(account: Registered) {
  return { authKey: toBase64url(account.keys.authKey) };
}

export async function twoFactorStatus(account: Registered): Promise<any> {
  return json(await call('/twofa', { token: account.token }), 200);
}

export async function startAuthenticator(
  account: Registered,
): Promise<AuthenticatorEnrolment & { secretBytes: Uint8Array }> {
  const body = await json<AuthenticatorEnrolment>(
    await call('/twofa/totp', { method: 'POST', token: account.token }),
    200,
  );
  return { ...body, secretBytes: base32Decode(body.secret) };
}

// Turns the authenticator app on with the current code; returns its secret and, when this was
// the account's first method, the recovery codes shown.
export async function enableAuthenticator(
  account: Registered,
): Promise<{ secret: Uint8Array; recoveryCodes: string[] | undefined }> {
  const { secretBytes } = await startAuthenticator(account);
  const body = await json<TwoFactorChangeResponse>(
    await call('/twofa/totp/confirm', {
      token: account.token,
      body: { ...passwordProof(account), code: codeAt(secretBytes, Date.now()) },
    }),
    200,
  );
  expect(body.twoFactor.methods.totp.state).toBe('on');
  return { secret: secretBytes, recoveryCodes: body.recoveryCodes };
}

export async function enableEmail(account: Registered): Promise<string[] | undefined> {
  await json<CodeSentResponse>(await call('/twofa/email', { method: 'POST', token: account.token }), 202);
  const body = await json<TwoFactorChangeResponse>(
    await call('/twofa/email/confirm', {
      token: account.token,
      body: { ...passwordProof(account), code: await lastCode(account.email) },
    }),
    200,
  );
  expect(body.twoFactor.methods.email.state).toBe('on');
  return body.recoveryCodes;
}

let phones = 0;
// +44 7700 900xxx is Ofcom's range reserved for drama: never a real subscriber.
export function newPhone(): string {
  phones++;
  const [a, b] = randomBytes(2) as unknown as [number, number];
  return `+447700${String((a * 256 + b + phones) % 1_000_000).padStart(6, '0')}`;
}

export async function lastSmsCode(phone: string): Promise<string> {
  const messages = (await outbox(phone)).filter((m) => m.channel === 'sms');
  const code = /\b(\d{6})\b/.exec(messages.at(-1)?.text ?? '')?.[1];
  if (code === undefined) throw new Error(`no code texted to ${phone}`);
  return code;
}

export async function enableSms(
  account: Registered,
  phone = newPhone(),
): Promise<{ phone: string; recoveryCodes: string[] | undefined }> {
  await json<CodeSentResponse>(await call('/twofa/sms', { token: account.token, body: { phone } }), 202);
  const body = await json<TwoFactorChangeResponse>(
    await call('/twofa/sms/confirm', {
      token: account.token,
      body: { ...passwordProof(account), code: await lastSmsCode(phone) },
    }),
    200,
  );
  expect(body.twoFactor.methods.sms.state).toBe('on');
  return { phone, recoveryCodes: body.recoveryCodes };
}

export interface Attempt {
  attemptId: string;
  methods: string[];
  expiresAt: number;
  /** Where email and text-message codes go, masked. */
  destinations?: { email?: string; sms?: string };
}

export async function passwordStep(account: Registered, deviceName = 'New laptop', ip?: string): Promise<Attempt> {
  const body = await json<SignInResponseBody>(
    await call('/auth/signin', {
      body: { email: account.email, authKey: toBase64url(account.keys.authKey), deviceName },
      ip,
    }),
    200,
  );
  if (body.kind !== 'second-factor') throw new Error('expected the second-factor step');
  return body.secondFactor;
}

export function sendCode(
  account: Registered,
  attempt: Attempt,
  method: 'email' | 'sms',
  ip?: string,
): Promise<Response> {
  return call('/auth/signin/send', { body: { email: account.email, attemptId: attempt.attemptId, method }, ip });
}

export function verify(
  account: Registered,
  attempt: Attempt,
  method: string,
  code: string,
  ip?: string,
): Promise<Response> {
  return call('/auth/signin/verify', {
    body: { email: account.email, attemptId: attempt.attemptId, method, code },
    ip,
  });
}

// Completes the attempt and returns the new session's token.
export async function verified(account: Registered, attempt: Attempt, method: string, code: string): Promise<string> {
  const body = await json<SignInResponseBody>(await verify(account, attempt, method, code), 200);
  if (body.kind !== 'session') throw new Error('expected a session');
  expect(body.vault.vaultId).toBe(account.keys.vaultId);
  return body.session.token;
}

// A different 6-digit code: wrong for sure.
export function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}
