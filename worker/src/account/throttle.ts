// Per-account limit on failed proofs of the password (sign-in, password change, deletion):
// a few free mistakes for typos, then a delay that doubles with each failure, then a lock.
// Guessing a password that survived Argon2id offline is the attacker's only other road, so the
// online road is made slower than that. The counter lives in the account's own object, which
// runs one request at a time, so parallel guesses cannot slip past it.
export const ACCOUNT_THROTTLE = Object.freeze({
  freeFailures: 4,
  // Failures 5..9 wait 1, 2, 4, 8, 16 s; from the 10th on, each failure locks for 15 minutes.
  lockAfter: 10,
  lockSeconds: 15 * 60,
  // A run of failures is forgotten a day after the last one.
  forgetAfterSeconds: 24 * 60 * 60,
});

// Per-account limit on wrong second-factor codes (every method, every sign-in attempt), the
// arithmetic in docs/api.md ("Why a code cannot be guessed"): two attempts' worth of mistakes for
// free, then a delay that doubles from 1 s up to a day. Starting afresh that allows 22 wrong codes
// in the first hour and 27 in the first day, then one a day; the run is forgotten only after 30
// days without a failure, so waiting the delays out never pays. A correct code or a password
// change ends the run.
export const CODE_THROTTLE = Object.freeze({
  freeFailures: 10,
  maxDelaySeconds: 24 * 60 * 60,
  forgetAfterSeconds: 30 * 24 * 60 * 60,
});

// 'recovery': wrong recovery-key proofs at a reset, on the password's schedule but counted apart,
// so guessing at one does not lock the owner out of the other.
export type FailureKind = 'password' | 'code' | 'recovery';

export function delayAfter(failures: number): number {
  const t = ACCOUNT_THROTTLE;
  if (failures <= t.freeFailures) return 0;
  if (failures >= t.lockAfter) return t.lockSeconds;
  return 2 ** (failures - t.freeFailures - 1);
}

export function codeDelayAfter(failures: number): number {
  const t = CODE_THROTTLE;
  if (failures <= t.freeFailures) return 0;
  return Math.min(2 ** (failures - t.freeFailures - 1), t.maxDelaySeconds);
}

const SCHEDULES: Record<FailureKind, { delay: (failures: number) => number; forgetAfterSeconds: number }> = {
  password: { delay: delayAfter, forgetAfterSeconds: ACCOUNT_THROTTLE.forgetAfterSeconds },
  code: { delay: codeDelayAfter, forgetAfterSeconds: CODE_THROTTLE.forgetAfterSeconds },
  recovery: { delay: delayAfter, forgetAfterSeconds: ACCOUNT_THROTTLE.forgetAfterSeconds },
};

function failuresOf(sql: SqlStorage, kind: FailureKind, now: number): { count: number; lastAt: number } | null {
  const row = sql
    .exec<{ count: number; last_at: number }>('SELECT count, last_at FROM failures WHERE kind = ?', kind)
    .toArray()[0];
  if (row === undefined || now - row.last_at >= SCHEDULES[kind].forgetAfterSeconds * 1000) return null;
  return { count: row.count, lastAt: row.last_at };
}

// Seconds until the next attempt may be judged; 0 when it may be judged now.
export function waitBeforeAttempt(sql: SqlStorage, kind: FailureKind, now: number): number {
  const failures = failuresOf(sql, kind, now);
  if (failures === null) return 0;
  const allowedAt = failures.lastAt + SCHEDULES[kind].delay(failures.count) * 1000;
  return allowedAt > now ? Math.ceil((allowedAt - now) / 1000) : 0;
}

// Returns the failure count of the run, this one included.
export function recordFailure(sql: SqlStorage, kind: FailureKind, now: number): number {
  const count = (failuresOf(sql, kind, now)?.count ?? 0) + 1;
  sql.exec(
    'INSERT INTO failures (kind, count, last_at) VALUES (?, ?, ?) ON CONFLICT (kind) DO UPDATE SET count = excluded.count, last_at = excluded.last_at',
    kind,
    count,
    now,
  );
  return count;
}

export function clearFailures(sql: SqlStorage, kind: FailureKind): void {
  sql.exec('DELETE FROM failures WHERE kind = ?', kind);
}
