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

export type FailureKind = 'password';

export function delayAfter(failures: number): number {
  const t = ACCOUNT_THROTTLE;
  if (failures <= t.freeFailures) return 0;
  if (failures >= t.lockAfter) return t.lockSeconds;
  return 2 ** (failures - t.freeFailures - 1);
}

function failuresOf(sql: SqlStorage, kind: FailureKind, now: number): { count: number; lastAt: number } | null {
  const row = sql.exec<{ count: number; last_at: number }>('SELECT count, last_at FROM failures WHERE kind = ?', kind).toArray()[0];
  if (row === undefined || now - row.last_at >= ACCOUNT_THROTTLE.forgetAfterSeconds * 1000) return null;
  return { count: row.count, lastAt: row.last_at };
}

// Seconds until the next attempt may be judged; 0 when it may be judged now.
export function waitBeforeAttempt(sql: SqlStorage, kind: FailureKind, now: number): number {
  const failures = failuresOf(sql, kind, now);
  if (failures === null) return 0;
  const allowedAt = failures.lastAt + delayAfter(failures.count) * 1000;
  return allowedAt > now ? Math.ceil((allowedAt - now) / 1000) : 0;
}

export function recordFailure(sql: SqlStorage, kind: FailureKind, now: number): void {
  const count = (failuresOf(sql, kind, now)?.count ?? 0) + 1;
  sql.exec(
    'INSERT INTO failures (kind, count, last_at) VALUES (?, ?, ?) ON CONFLICT (kind) DO UPDATE SET count = excluded.count, last_at = excluded.last_at',
    kind,
    count,
    now,
  );
}

export function clearFailures(sql: SqlStorage, kind: FailureKind): void {
  sql.exec('DELETE FROM failures WHERE kind = ?', kind);
}
