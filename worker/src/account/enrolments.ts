import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';
import type { EnrollableMethod } from '@tessera/core/sync/two-factor';
import type { PendingCode } from './codes.ts';

// A method being turned on (docs/api.md, "Turning a method on"): the authenticator's new secret
// (sealed) until a code from it is confirmed, or the code sent to the address or number.
export interface Enrolment {
  method: EnrollableMethod;
  startedAt: number;
  secret: ArrayBuffer | null;
  phone: string | null;
  code: PendingCode;
  lastSentAt: number | null;
}

type Row = {
  method: EnrollableMethod;
  started_at: number;
  secret: ArrayBuffer | null;
  phone: string | null;
  code_hash: ArrayBuffer | null;
  code_expires_at: number | null;
  code_tries_left: number | null;
  last_sent_at: number | null;
};

export function pendingEnrolment(sql: SqlStorage, method: EnrollableMethod): Enrolment | null {
  const row = sql
    .exec<Row>(
      'SELECT method, started_at, secret, phone, code_hash, code_expires_at, code_tries_left, last_sent_at FROM second_factor_enrolments WHERE method = ?',
      method,
    )
    .toArray()[0];
  if (row === undefined) return null;
  return {
    method: row.method,
    startedAt: row.started_at,
    secret: row.secret,
    phone: row.phone,
    code: { hash: row.code_hash, expiresAt: row.code_expires_at, triesLeft: row.code_tries_left },
    lastSentAt: row.last_sent_at,
  };
}

// A new start replaces whatever was pending for the method: a new secret, or a new code (and
// number), so only the latest QR code or message counts.
export function startEnrolment(
  sql: SqlStorage,
  method: EnrollableMethod,
  now: number,
  data: { secret: Uint8Array } | { codeHash: Uint8Array; phone: string | null },
): void {
  const sealed = 'secret' in data ? data.secret : null;
  const code = 'codeHash' in data ? data : null;
  sql.exec(
    `INSERT INTO second_factor_enrolments (method, started_at, secret, phone, code_hash, code_expires_at, code_tries_left, last_sent_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (method) DO UPDATE SET started_at = excluded.started_at, secret = excluded.secret, phone = excluded.phone,
       code_hash = excluded.code_hash, code_expires_at = excluded.code_expires_at,
       code_tries_left = excluded.code_tries_left, last_sent_at = excluded.last_sent_at`,
    method,
    now,
    sealed,
    code?.phone ?? null,
    code?.codeHash ?? null,
    code === null ? null : now + TWO_FACTOR_RULES.codeLifetimeSeconds * 1000,
    code === null ? null : TWO_FACTOR_RULES.codeTries,
    code === null ? null : now,
  );
}

// One wrong try of the enrolment's code; the last one voids the code (a new one must be sent).
export function spendEnrolmentTry(sql: SqlStorage, method: EnrollableMethod, triesLeft: number): void {
  if (triesLeft <= 0)
    sql.exec('UPDATE second_factor_enrolments SET code_hash = NULL, code_tries_left = 0 WHERE method = ?', method);
  else sql.exec('UPDATE second_factor_enrolments SET code_tries_left = ? WHERE method = ?', triesLeft, method);
}

export function endEnrolment(sql: SqlStorage, method: EnrollableMethod): boolean {
  return sql.exec('DELETE FROM second_factor_enrolments WHERE method = ?', method).rowsWritten > 0;
}
