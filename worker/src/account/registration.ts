import { ACCOUNT_RULES } from '@tessera/core/sync/limits';
import { equalSecrets } from '../crypto.ts';
import { type Outcome, refuse } from '../http/errors.ts';

// Emailed codes for registration: at most one mail per 30 s and 5 per hour for one address,
// whether or not it already has an account, so the throttle itself tells nothing.
export const REGISTRATION_MAIL = Object.freeze({ minIntervalSeconds: 30, perHour: 5 });

type RegistrationRow = {
  code_hash: ArrayBuffer | null;
  expires_at: number;
  tries_left: number;
  last_sent_at: number;
  window_start: number;
  sent_in_window: number;
};

function pending(sql: SqlStorage): RegistrationRow | undefined {
  return sql
    .exec<RegistrationRow>(
      'SELECT code_hash, expires_at, tries_left, last_sent_at, window_start, sent_in_window FROM registration',
    )
    .toArray()[0];
}

// Stores the new code's hash once the mail throttle allows another message. The caller sends the
// mail only after this succeeds.
export function startRegistration(sql: SqlStorage, codeHash: Uint8Array, now: number): Outcome<void> {
  const row = pending(sql);
  const hour = 3600 * 1000;
  if (row !== undefined) {
    const wait = row.last_sent_at + REGISTRATION_MAIL.minIntervalSeconds * 1000 - now;
    if (wait > 0)
      return refuse('rate-limited', 'A code was sent moments ago; wait before asking again', Math.ceil(wait / 1000));
    if (now - row.window_start < hour && row.sent_in_window >= REGISTRATION_MAIL.perHour) {
      return refuse(
        'rate-limited',
        'Too many codes were sent to this address; try again later',
        Math.ceil((row.window_start + hour - now) / 1000),
      );
    }
  }
  const newWindow = row === undefined || now - row.window_start >= hour;
  sql.exec(
    `INSERT INTO registration (only, code_hash, expires_at, tries_left, last_sent_at, window_start, sent_in_window)
     VALUES (1, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (only) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
       tries_left = excluded.tries_left, last_sent_at = excluded.last_sent_at,
       window_start = excluded.window_start, sent_in_window = excluded.sent_in_window`,
    codeHash,
    now + ACCOUNT_RULES.codeLifetimeSeconds * 1000,
    ACCOUNT_RULES.codeTries,
    now,
    newWindow ? now : (row as RegistrationRow).window_start,
    newWindow ? 1 : (row as RegistrationRow).sent_in_window + 1,
  );
  return { ok: true, value: undefined };
}

// A wrong code uses up one of its tries; the last wrong try voids it. On success the code is
// spent (the caller creates the account in the same synchronous step).
export function redeemCode(sql: SqlStorage, codeHash: Uint8Array, now: number): Outcome<void> {
  const row = pending(sql);
  if (row === undefined || row.code_hash === null || row.expires_at <= now || row.tries_left <= 0) {
    return refuse('code-expired', 'No valid code is pending for this email: ask for a new one');
  }
  if (!equalSecrets(row.code_hash, codeHash)) {
    const left = row.tries_left - 1;
    if (left <= 0) sql.exec('UPDATE registration SET code_hash = NULL, tries_left = 0');
    else sql.exec('UPDATE registration SET tries_left = ?', left);
    return left <= 0
      ? refuse('code-expired', 'Wrong code, and that was the last try: ask for a new one')
      : refuse('code-invalid', `Wrong code: ${left} ${left === 1 ? 'try' : 'tries'} left`);
  }
  sql.exec('DELETE FROM registration');
  return { ok: true, value: undefined };
}
