import { describe, expect, it } from 'vitest';
import { holdKey } from '../src/services/held-key.ts';

// The kek kept for a sign-in's second factor (services/account-signin.ts): wiped on whatever
// comes first, and useless afterwards. Timers and the lock signal are real functions of the
// test, so each case drives time and locking by hand.
function setup(expiresInMs = 600_000) {
  let now = 1_000_000;
  const timers = new Map<number, { at: number; run: () => void }>();
  let nextTimer = 1;
  const lockListeners = new Set<() => void>();
  const key = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
  const held = holdKey(key, {
    expiresAt: now + expiresInMs,
    onLock: (listener) => {
      lockListeners.add(listener);
      return () => lockListeners.delete(listener);
    },
    now: () => now,
    setTimer: (run, ms) => {
      const id = nextTimer++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimer: (id) => timers.delete(id as number),
  });
  return {
    key,
    held,
    lockListeners,
    timers,
    advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.run();
        }
      }
    },
    skip(ms: number) {
      now += ms;
    },
    lock: () => [...lockListeners].forEach((listener) => listener()),
  };
}

const allZero = (bytes: Uint8Array) => bytes.every((byte) => byte === 0);

describe('holdKey', () => {
  it('hands out the key while the step lasts', async () => {
    const { held, key } = setup();
    expect(await held.use(async (k) => k === key && !allZero(k))).toBe(true);
    expect(held.dropped).toBe(false);
  });

  it('wipes the key when the vault locks, and refuses to use it afterwards', async () => {
    const { held, key, lock, lockListeners, timers } = setup();
    lock();
    expect(allZero(key)).toBe(true);
    expect(held.dropped).toBe(true);
    await expect(held.use(async () => 'used')).rejects.toMatchObject({ code: 'attempt-invalid' });
    // Nothing is left waiting: no timer, no lock listener.
    expect(timers.size).toBe(0);
    expect(lockListeners.size).toBe(0);
  });

  it('wipes the key when the attempt ends, without anyone asking', async () => {
    const { held, key, advance } = setup(10 * 60_000);
    advance(10 * 60_000 - 1);
    expect(allZero(key)).toBe(false);
    advance(1);
    expect(allZero(key)).toBe(true);
    await expect(held.use(async () => 'used')).rejects.toMatchObject({ code: 'attempt-invalid' });
  });

  it('refuses a use after the deadline even when a throttled timer has not fired yet', async () => {
    const { held, key, skip } = setup(1_000);
    // A background tab's timers fire late: the clock moves, the timer has not run.
    skip(1_000);
    expect(allZero(key)).toBe(false);
    await expect(held.use(async () => 'used')).rejects.toMatchObject({ code: 'attempt-invalid' });
    expect(allZero(key)).toBe(true);
  });

  it('wipes the key on cancel, once, and cancelling again does nothing', () => {
    const { held, key } = setup();
    held.drop();
    held.drop();
    expect(allZero(key)).toBe(true);
  });
});
