import type { DeviceKind, SecondFactorMethod } from '@tessera/core/sync/protocol';
import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';
import type { CodeChannel } from '@tessera/core/sync/two-factor';
import { type Outcome, refuse } from '../http/errors.ts';
import { type Attempt, deleteAttempt, findAttempt, spendAttemptTry, storeAttemptCode } from './attempts.ts';
import { checkAuthenticatorCode, type SealingKey } from './authenticator.ts';
import { admitSend, judgeCode, tries } from './codes.ts';
import { redeemRecoveryCode, remainingRecoveryCodes } from './recovery-codes.ts';
import { enabledMethods, methodRow, useAuthenticatorStep } from './second-factor.ts';
import { CODE_THROTTLE, clearFailures, recordFailure, waitBeforeAttempt } from './throttle.ts';
import type { Credentials } from './credentials.ts';

// The second step of sign-in, inside the account's object (docs/api.md, "Signing in with a
// second factor"). Every function runs its SQL synchronously: one request at a time per account,
// so two parallel guesses cannot both spend the same try or the same code.

export type FactorProof =
  | { method: 'totp'; code: string; sealing: SealingKey }
  | { method: 'email' | 'sms' | 'recovery'; codeHash: Uint8Array };

// alert: this wrong code was the last free one of the account's run, so the owner is warned by
// email that someone who knows the password is guessing codes.
export interface Judged<T> {
  outcome: Outcome<T>;
  alert: boolean;
}

export const ATTEMPT_INVALID = refuse(
  'attempt-invalid',
  'This sign-in has expired or ended: sign in again with your password',
);
export const SECRET_UNREADABLE = refuse(
  'server-misconfigured',
  "The authenticator's secret cannot be opened with this server's TWOFA_SECRET_KEY; use another method",
);

function unavailable(method: SecondFactorMethod) {
  return refuse(
    'method-unavailable',
    `The method "${method}" is not on for this account; choose one of the methods sign-in listed`,
  );
}

function codeWait(sql: SqlStorage, now: number): Outcome<void> {
  const wait = waitBeforeAttempt(sql, 'code', now);
  if (wait > 0) return refuse('rate-limited', `Too many wrong codes for this account: try again in ${wait} s`, wait);
  return { ok: true, value: undefined };
}

// Checks shared by sending and verifying: a live attempt, a method that is on, no delay running.
function admit(sql: SqlStorage, attemptHash: Uint8Array, method: SecondFactorMethod, now: number): Outcome<Attempt> {
  const attempt = findAttempt(sql, attemptHash, now);
  if (attempt === null) return ATTEMPT_INVALID;
  if (!enabledMethods(sql).includes(method)) return unavailable(method);
  const wait = codeWait(sql, now);
  return wait.ok ? { ok: true, value: attempt } : wait;
}

// Where the code goes: the account's email or the confirmed phone number. Sending is the
// user's explicit choice at sign-in; signing in with the password alone sends nothing.
export function sendSignInCode(
  sql: SqlStorage,
  email: string,
  attemptHash: Uint8Array,
  method: CodeChannel,
  codeHash: Uint8Array,
  now: number,
): Outcome<{ to: string; expiresAt: number }> {
  const admitted = admit(sql, attemptHash, method, now);
  if (!admitted.ok) return admitted;
  const attempt = admitted.value;
  if (attempt.sends >= TWO_FACTOR_RULES.sendsPerAttempt) {
    return refuse(
      'rate-limited',
      'No more codes for this sign-in: sign in again with your password',
      Math.ceil((attempt.expiresAt - now) / 1000),
    );
  }
  const sendable = admitSend(sql, attempt.lastSentAt, now);
  if (!sendable.ok) return sendable;
  const expiresAt = storeAttemptCode(sql, attempt, method, codeHash, now);
  const to = method === 'email' ? email : (methodRow(sql, 'sms')?.phone as string);
  return { ok: true, value: { to, expiresAt } };
}

type Verdict = 'right' | 'wrong' | 'used' | 'none' | 'unreadable';

function judge(
  sql: SqlStorage,
  attempt: Attempt,
  proof: FactorProof,
  now: number,
): { verdict: Verdict; step?: number } {
  if (proof.method === 'totp') {
    const row = methodRow(sql, 'totp');
    if (row?.secret == null) return { verdict: 'unreadable' };
    const checked = checkAuthenticatorCode(row.secret, proof.sealing, proof.code, row.lastUsedStep, now);
    return checked.kind === 'right' ? { verdict: 'right', step: checked.step } : { verdict: checked.kind };
  }
  if (proof.method === 'recovery') return { verdict: redeemRecoveryCode(sql, proof.codeHash, now) };
  // An emailed or texted code counts only on the channel it was sent to.
  if (attempt.codeMethod !== proof.method) return { verdict: 'none' };
  return { verdict: judgeCode(attempt.code, proof.codeHash, now) };
}

export interface SecondFactorPassed {
  deviceName: string;
  deviceKind: DeviceKind | null;
  // Recovery codes left after this sign-in used one; null for the other methods.
  recoveryCodesLeft: number | null;
  // The new password's material when a reset with the recovery key opened the attempt.
  reset: Credentials | null;
}

// On success the attempt is spent and the account's run of wrong codes ends; the caller creates
// the session in the same synchronous step.
export function verifySecondFactor(
  sql: SqlStorage,
  attemptHash: Uint8Array,
  proof: FactorProof,
  now: number,
): Judged<SecondFactorPassed> {
  const admitted = admit(sql, attemptHash, proof.method, now);
  if (!admitted.ok) return { outcome: admitted, alert: false };
  const attempt = admitted.value;
  const { verdict, step } = judge(sql, attempt, proof, now);
  if (verdict === 'unreadable') return { outcome: SECRET_UNREADABLE, alert: false };
  if (verdict === 'none') {
    return {
      outcome: refuse('code-expired', 'No code is waiting for this method, or it expired: ask for a new one'),
      alert: false,
    };
  }
  if (verdict === 'right') {
    deleteAttempt(sql, attempt.idHash);
    clearFailures(sql, 'code');
    if (step !== undefined) useAuthenticatorStep(sql, step);
    const recoveryCodesLeft = proof.method === 'recovery' ? remainingRecoveryCodes(sql) : null;
    return {
      outcome: {
        ok: true,
        value: {
          deviceName: attempt.deviceName,
          deviceKind: attempt.deviceKind,
          recoveryCodesLeft,
          reset: attempt.reset,
        },
      },
      alert: false,
    };
  }
  const run = recordFailure(sql, 'code', now);
  const alert = run === CODE_THROTTLE.freeFailures;
  const { attemptLeft, codeLeft } = spendAttemptTry(sql, attempt, proof.method === 'email' || proof.method === 'sms');
  const wrong = verdict === 'used' ? 'This code was already used' : 'Wrong code';
  if (attemptLeft === 0)
    return {
      outcome: refuse('attempt-invalid', `${wrong}, and that was this sign-in's last try: sign in again`),
      alert,
    };
  if (codeLeft === 0)
    return { outcome: refuse('code-expired', `${wrong}, and that was the code's last try: ask for a new one`), alert };
  const left = Math.min(attemptLeft, codeLeft ?? attemptLeft);
  return { outcome: refuse(verdict === 'used' ? 'code-used' : 'code-invalid', `${wrong}: ${tries(left)} left`), alert };
}
