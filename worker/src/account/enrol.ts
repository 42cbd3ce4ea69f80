import type { CodeChannel, EnrollableMethod } from '@tessera/core/sync/two-factor';
import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';
import { type Outcome, refuse } from '../http/errors.ts';
import { checkAuthenticatorCode, type SealingKey } from './authenticator.ts';
import { admitSend, judgeCode, tries } from './codes.ts';
import { endEnrolment, pendingEnrolment, spendEnrolmentTry, startEnrolment } from './enrolments.ts';
import { replaceRecoveryCodes } from './recovery-codes.ts';
import { enableMethod, methodRow, removeMethod, twoFactorOn } from './second-factor.ts';
import { SECRET_UNREADABLE } from './signin-factor.ts';

// Turning methods on and off, inside the account's object (docs/api.md, "Turning a method on").
// The session (and, to turn off or regenerate, the password) is checked by the caller.

function alreadyOn(method: EnrollableMethod) {
  return refuse('method-already-on', `The method "${method}" is already on; turn it off first to set it up again`);
}

export function startAuthenticator(sql: SqlStorage, sealedSecret: Uint8Array, now: number): Outcome<void> {
  if (methodRow(sql, 'totp') !== null) return alreadyOn('totp');
  startEnrolment(sql, 'totp', now, { secret: sealedSecret });
  return { ok: true, value: undefined };
}

// Sends (through the caller) a code to the address or number being confirmed.
export function startCodeEnrolment(
  sql: SqlStorage,
  method: CodeChannel,
  codeHash: Uint8Array,
  phone: string | null,
  now: number,
): Outcome<{ expiresAt: number }> {
  if (methodRow(sql, method) !== null) return alreadyOn(method);
  const sendable = admitSend(sql, pendingEnrolment(sql, method)?.lastSentAt ?? null, now);
  if (!sendable.ok) return sendable;
  startEnrolment(sql, method, now, { codeHash, phone });
  return { ok: true, value: { expiresAt: now + TWO_FACTOR_RULES.codeLifetimeSeconds * 1000 } };
}

export type EnrolmentProof =
  | { method: 'totp'; code: string; sealing: SealingKey }
  | { method: CodeChannel; codeHash: Uint8Array };

// A correct code turns the method on. When it is the account's first method, the recovery codes
// whose hashes the caller prepared become the account's set (recoveryIssued tells the caller to
// show them); otherwise the existing set stays and the prepared hashes are dropped.
export function confirmEnrolment(
  storage: DurableObjectStorage,
  proof: EnrolmentProof,
  recoveryHashes: readonly Uint8Array[],
  now: number,
): Outcome<{ recoveryIssued: boolean }> {
  const sql = storage.sql;
  const method = proof.method;
  if (methodRow(sql, method) !== null) return alreadyOn(method);
  const pending = pendingEnrolment(sql, method);
  if (pending === null)
    return refuse('method-unavailable', `No set-up of "${method}" is waiting for its code: start it again`);
  let lastUsedStep: number | undefined;
  if (proof.method === 'totp') {
    if (pending.secret === null) return SECRET_UNREADABLE;
    // The step is stored as used, so the code that confirmed the app cannot also sign in.
    const checked = checkAuthenticatorCode(pending.secret, proof.sealing, proof.code, null, now);
    if (checked.kind === 'unreadable') return SECRET_UNREADABLE;
    if (checked.kind !== 'right')
      return refuse(
        'code-invalid',
        'Wrong code: check the time on the device with the authenticator app and enter the current code',
      );
    lastUsedStep = checked.step;
  } else {
    const verdict = judgeCode(pending.code, proof.codeHash, now);
    if (verdict === 'none') return refuse('code-expired', 'The code expired or its tries are spent: ask for a new one');
    if (verdict === 'wrong') {
      const left = (pending.code.triesLeft ?? 1) - 1;
      spendEnrolmentTry(sql, method, left);
      return left <= 0
        ? refuse('code-expired', "Wrong code, and that was the code's last try: ask for a new one")
        : refuse('code-invalid', `Wrong code: ${tries(left)} left`);
    }
  }
  const recoveryIssued = storage.transactionSync(() => {
    const first = !twoFactorOn(sql);
    endEnrolment(sql, method);
    enableMethod(sql, method, now, {
      ...(pending.secret === null ? {} : { secret: new Uint8Array(pending.secret) }),
      ...(lastUsedStep === undefined ? {} : { lastUsedStep }),
      ...(pending.phone === null ? {} : { phone: pending.phone }),
    });
    if (first) {
      replaceRecoveryCodes(sql, recoveryHashes, now);
      enableMethod(sql, 'recovery', now);
    }
    return first;
  });
  return { ok: true, value: { recoveryIssued } };
}

// Turns a method off, or abandons its set-up. wasOn tells the caller to send the notice.
export function disableMethod(storage: DurableObjectStorage, method: EnrollableMethod): Outcome<{ wasOn: boolean }> {
  const sql = storage.sql;
  const wasOn = methodRow(sql, method) !== null;
  const wasPending = pendingEnrolment(sql, method) !== null;
  if (!wasOn && !wasPending) return refuse('method-unavailable', `The method "${method}" is not on`);
  storage.transactionSync(() => {
    endEnrolment(sql, method);
    if (wasOn) removeMethod(sql, method);
  });
  return { ok: true, value: { wasOn } };
}

export function regenerateRecoveryCodes(
  storage: DurableObjectStorage,
  hashes: readonly Uint8Array[],
  now: number,
): Outcome<void> {
  const sql = storage.sql;
  if (!twoFactorOn(sql))
    return refuse(
      'method-unavailable',
      'Recovery codes exist only while two-factor sign-in is on: turn a method on first',
    );
  storage.transactionSync(() => replaceRecoveryCodes(sql, hashes, now));
  return { ok: true, value: undefined };
}
