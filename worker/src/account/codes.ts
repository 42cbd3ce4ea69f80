import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';
import { equalSecrets } from '../crypto.ts';
import { type Outcome, refuse } from '../http/errors.ts';

// Emailed and texted codes, as the account's object sees them: only keyed hashes (the worker
// makes the code, hashes it and mails it; the object never sees a code).

export interface PendingCode {
  hash: ArrayBuffer | null;
  expiresAt: number | null;
  triesLeft: number | null;
}

export type CodeVerdict = 'right' | 'wrong' | 'none';

// 'none': no code was sent, it expired, or its tries are spent; not a guess, so it costs nothing.
export function judgeCode(pending: PendingCode, guess: Uint8Array, now: number): CodeVerdict {
  if (pending.hash === null || pending.expiresAt === null || pending.expiresAt <= now || (pending.triesLeft ?? 0) <= 0)
    return 'none';
  return equalSecrets(pending.hash, guess) ? 'right' : 'wrong';
}

export function tries(n: number): string {
  return `${n} ${n === 1 ? 'try' : 'tries'}`;
}

const HOUR_MS = 3600 * 1000;

// Two throttles on sending: one code per RESEND interval for one attempt or enrolment (the
// caller passes when the last one went), and sendsPerHour codes per account in all, so knowing
// the password (or holding a session) cannot turn the server into a mail or SMS cannon.
export function admitSend(sql: SqlStorage, lastSentAt: number | null, now: number): Outcome<void> {
  const resendAt = lastSentAt === null ? 0 : lastSentAt + TWO_FACTOR_RULES.resendAfterSeconds * 1000;
  if (resendAt > now)
    return refuse(
      'rate-limited',
      'A code was sent moments ago; wait before asking for another',
      Math.ceil((resendAt - now) / 1000),
    );
  const row = sql
    .exec<{ window_start: number; count: number }>('SELECT window_start, count FROM code_sends')
    .toArray()[0];
  const fresh = row === undefined || now - row.window_start >= HOUR_MS;
  if (!fresh && row.count >= TWO_FACTOR_RULES.sendsPerHour) {
    return refuse(
      'rate-limited',
      'Too many codes were sent for this account; try again later',
      Math.ceil((row.window_start + HOUR_MS - now) / 1000),
    );
  }
  sql.exec(
    'INSERT INTO code_sends (only, window_start, count) VALUES (1, ?, ?) ON CONFLICT (only) DO UPDATE SET window_start = excluded.window_start, count = excluded.count',
    fresh ? now : row.window_start,
    fresh ? 1 : row.count + 1,
  );
  return { ok: true, value: undefined };
}
