import type { DeviceKind } from '@tessera/core/sync/protocol';
import type { CodeChannel } from '@tessera/core/sync/two-factor';
import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';
import type { PendingCode } from './codes.ts';
import type { Credentials } from './credentials.ts';
import { kindColumns, kindOf } from './sessions.ts';

// Sign-in attempts (docs/api.md, "Signing in with a second factor"): a correct password on an
// account with two-factor sign-in opens one; a correct second factor turns it into a session.
// It lives 10 minutes, takes at most attemptFailures wrong codes, and is found by the SHA-256 of
// its random 128-bit id, so the stored rows alone cannot be used to complete one.

export interface NewAttempt {
  id: string;
  idHash: Uint8Array;
}

export interface Attempt {
  idHash: ArrayBuffer;
  deviceName: string;
  // The session the second factor makes takes the name and kind given at the password step.
  deviceKind: DeviceKind | null;
  expiresAt: number;
  failures: number;
  codeMethod: CodeChannel | null;
  code: PendingCode;
  sends: number;
  lastSentAt: number | null;
  // Set when a reset with the recovery key opened the attempt: the new password's material,
  // applied only once the second factor is right (docs/api.md, "POST /api/v1/auth/recover").
  reset: Credentials | null;
}

type Row = {
  id_hash: ArrayBuffer;
  device_name: string;
  device_browser: string | null;
  device_os: string | null;
  expires_at: number;
  failures: number;
  code_method: CodeChannel | null;
  code_hash: ArrayBuffer | null;
  code_expires_at: number | null;
  code_tries_left: number | null;
  sends: number;
  last_sent_at: number | null;
  reset_salt: ArrayBuffer | null;
  reset_kdf: string | null;
  reset_verifier: ArrayBuffer | null;
  reset_wrapped_vault_key: ArrayBuffer | null;
};

const LIFETIME_MS = TWO_FACTOR_RULES.attemptLifetimeSeconds * 1000;

export function openAttempt(
  sql: SqlStorage,
  attempt: NewAttempt,
  device: { deviceName: string; deviceKind: DeviceKind | null },
  now: number,
  reset: Credentials | null = null,
): { attemptId: string; expiresAt: number } {
  sql.exec('DELETE FROM signin_attempts WHERE expires_at <= ?', now);
  const expiresAt = now + LIFETIME_MS;
  sql.exec(
    `INSERT INTO signin_attempts (id_hash, device_name, device_browser, device_os, created_at, expires_at,
       reset_salt, reset_kdf, reset_verifier, reset_wrapped_vault_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    attempt.idHash,
    device.deviceName,
    ...kindColumns(device.deviceKind),
    now,
    expiresAt,
    reset?.salt ?? null,
    reset === null ? null : JSON.stringify(reset.kdf),
    reset?.verifier ?? null,
    reset?.wrappedVaultKey ?? null,
  );
  // Someone who knows the password can open attempts at will; only the newest few are kept.
  sql.exec(
    'DELETE FROM signin_attempts WHERE id_hash NOT IN (SELECT id_hash FROM signin_attempts ORDER BY created_at DESC, id_hash LIMIT ?)',
    TWO_FACTOR_RULES.openAttempts,
  );
  return { attemptId: attempt.id, expiresAt };
}

// The attempt, or null when it does not exist, has expired, or has used up its tries.
export function findAttempt(sql: SqlStorage, idHash: Uint8Array, now: number): Attempt | null {
  const row = sql
    .exec<Row>(
      `SELECT id_hash, device_name, device_browser, device_os, expires_at, failures, code_method, code_hash, code_expires_at, code_tries_left, sends, last_sent_at,
         reset_salt, reset_kdf, reset_verifier, reset_wrapped_vault_key
       FROM signin_attempts WHERE id_hash = ?`,
      idHash,
    )
    .toArray()[0];
  if (row === undefined) return null;
  if (row.expires_at <= now || row.failures >= TWO_FACTOR_RULES.attemptFailures) {
    deleteAttempt(sql, row.id_hash);
    return null;
  }
  return {
    idHash: row.id_hash,
    deviceName: row.device_name,
    deviceKind: kindOf(row.device_browser, row.device_os),
    expiresAt: row.expires_at,
    failures: row.failures,
    codeMethod: row.code_method,
    code: { hash: row.code_hash, expiresAt: row.code_expires_at, triesLeft: row.code_tries_left },
    sends: row.sends,
    lastSentAt: row.last_sent_at,
    reset:
      row.reset_salt !== null &&
      row.reset_kdf !== null &&
      row.reset_verifier !== null &&
      row.reset_wrapped_vault_key !== null
        ? {
            salt: new Uint8Array(row.reset_salt),
            kdf: JSON.parse(row.reset_kdf) as Credentials['kdf'],
            verifier: new Uint8Array(row.reset_verifier),
            wrappedVaultKey: new Uint8Array(row.reset_wrapped_vault_key),
          }
        : null,
  };
}

// A new code replaces the attempt's previous one, whichever channel that went to. It cannot
// outlive the attempt.
export function storeAttemptCode(
  sql: SqlStorage,
  attempt: Attempt,
  method: CodeChannel,
  codeHash: Uint8Array,
  now: number,
): number {
  const expiresAt = Math.min(now + TWO_FACTOR_RULES.codeLifetimeSeconds * 1000, attempt.expiresAt);
  sql.exec(
    `UPDATE signin_attempts SET code_method = ?, code_hash = ?, code_expires_at = ?, code_tries_left = ?, sends = sends + 1, last_sent_at = ?
     WHERE id_hash = ?`,
    method,
    codeHash,
    expiresAt,
    TWO_FACTOR_RULES.codeTries,
    now,
    attempt.idHash,
  );
  return expiresAt;
}

// One wrong code. Returns the tries the attempt has left (0: it is gone) and, when the guess was
// at an emailed or texted code, the tries that code has left (0: it is void).
export function spendAttemptTry(
  sql: SqlStorage,
  attempt: Attempt,
  againstCode: boolean,
): { attemptLeft: number; codeLeft: number | null } {
  const attemptLeft = TWO_FACTOR_RULES.attemptFailures - (attempt.failures + 1);
  if (attemptLeft <= 0) {
    deleteAttempt(sql, attempt.idHash);
    return { attemptLeft: 0, codeLeft: againstCode ? 0 : null };
  }
  const codeLeft = againstCode ? (attempt.code.triesLeft ?? 1) - 1 : null;
  sql.exec(
    `UPDATE signin_attempts SET failures = failures + 1, code_tries_left = coalesce(?, code_tries_left),
       code_hash = CASE WHEN ? = 0 THEN NULL ELSE code_hash END
     WHERE id_hash = ?`,
    codeLeft,
    codeLeft ?? 1,
    attempt.idHash,
  );
  return { attemptLeft, codeLeft };
}

export function deleteAttempt(sql: SqlStorage, idHash: ArrayBuffer | Uint8Array): void {
  sql.exec('DELETE FROM signin_attempts WHERE id_hash = ?', idHash);
}
