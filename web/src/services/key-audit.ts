/**
 * @module Counts the key buffers the page has held, without keeping them: every master key,
 * kek, authKey and vault key is registered here when made, through a WeakRef, so the audit never
 * keeps one alive. `audit()` says how many are still reachable and how many of those still hold
 * anything but zeros; after a lock both the vault key and every password-derived key must be
 * zero or gone. It reports counts only, never bytes, so it is safe to expose to the page, which
 * the e2e tests read (tests/e2e/secrets.spec.ts, `window.__tesseraKeyAudit`).
 */
export interface KeyAudit {
  /** Buffers registered since the page loaded. */
  made: number;
  /** Of those, still reachable (not yet collected). */
  live: number;
  /** Of the reachable ones, those holding any non-zero byte. */
  nonZero: number;
  /** A crypto worker that has derived a key (Argon2id's memory) is running; a warmed one is not counted. */
  cryptoWorker: boolean;
}

const refs: WeakRef<Uint8Array>[] = [];
let workerRunning: () => boolean = () => false;

/** Registers a key buffer; returns it, so a call wraps where the key is made. */
export function trackKey<T extends Uint8Array>(key: T): T {
  refs.push(new WeakRef(key));
  return key;
}

export function reportCryptoWorker(running: () => boolean): void {
  workerRunning = running;
}

export function audit(): KeyAudit {
  let live = 0;
  let nonZero = 0;
  for (const ref of refs) {
    const key = ref.deref();
    if (!key) continue;
    live++;
    // A transferred (detached) buffer has length 0 and holds nothing.
    if (key.some((byte) => byte !== 0)) nonZero++;
  }
  return { made: refs.length, live, nonZero, cryptoWorker: workerRunning() };
}

(globalThis as { __tesseraKeyAudit?: () => KeyAudit }).__tesseraKeyAudit = audit;
