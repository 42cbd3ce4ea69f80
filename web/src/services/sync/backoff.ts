// When to try again after a failed sync: exponential backoff with "equal jitter" (half the
// delay fixed, half random; Brooker, "Exponential Backoff and Jitter", AWS Architecture Blog,
// 2015). The random half spreads devices that failed together (a server restart, a network
// coming back) so they do not all return at the same instant; the fixed half keeps a retry
// from coming back at once.
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const SYNC_BACKOFF: BackoffOptions = Object.freeze({ baseMs: 1_000, capMs: 5 * 60_000 });
export const SOCKET_BACKOFF: BackoffOptions = Object.freeze({ baseMs: 500, capMs: 60_000 });

/**
 * The wait before retry number `attempt` (0 for the first retry). `random` returns [0, 1).
 * A server's Retry-After (429) is a floor: waiting less would only be refused again.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  options: BackoffOptions = SYNC_BACKOFF,
  retryAfterMs: number | null = null,
): number {
  const n = Number.isInteger(attempt) && attempt > 0 ? Math.min(attempt, 30) : 0;
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** n);
  const r = random();
  const jitter = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
  const delay = Math.round(ceiling / 2 + (ceiling / 2) * jitter);
  return retryAfterMs !== null && retryAfterMs > delay ? retryAfterMs : delay;
}
