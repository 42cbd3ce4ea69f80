import { wipe } from '@tessera/core/crypto/bytes';
import { AccountError } from './account-keys.ts';

/**
 * @module A key kept in memory while the user finishes a step elsewhere (the second factor of a
 * sign-in keeps `kek` to open the account's vault key afterwards). It is wiped, and every later
 * use refused, on whichever comes first: the step finishing, the user cancelling, the screen
 * going away, the vault locking, or the deadline (the sign-in attempt's lifetime). Timers and
 * the lock signal are passed in so the rules run in Node (web/test/held-key.test.ts).
 */
export interface HeldKey {
  /** Runs `task` with the key; throws `attempt-invalid` once the key was dropped. */
  use<T>(task: (key: Uint8Array) => Promise<T>): Promise<T>;
  /** Wipes the key now; idempotent. */
  drop(): void;
  readonly dropped: boolean;
}

export interface HoldOptions {
  /** Epoch ms after which the key is no use (the server's attempt has ended). */
  expiresAt: number;
  /** Subscribes to the vault locking; returns the unsubscribe function. */
  onLock: (listener: () => void) => () => void;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export function holdKey(key: Uint8Array, options: HoldOptions): HeldKey {
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let dropped = false;
  const drop = () => {
    if (dropped) return;
    dropped = true;
    wipe(key);
    clearTimer(timer);
    unsubscribe();
  };
  const timer = setTimer(drop, Math.max(0, options.expiresAt - now()));
  const unsubscribe = options.onLock(drop);
  return {
    async use(task) {
      if (dropped || now() >= options.expiresAt) {
        drop();
        throw new AccountError('attempt-invalid', 'This sign-in attempt has ended. Sign in again.');
      }
      return task(key);
    },
    drop,
    get dropped() {
      return dropped;
    },
  };
}
