import { describe, expect, it } from 'vitest';
import { backoffDelay, SOCKET_BACKOFF, SYNC_BACKOFF } from '../../src/services/sync/backoff.ts';

describe('backoffDelay', () => {
  it('doubles the ceiling with each attempt, half fixed and half random', () => {
    // random = 0 gives the fixed half, random just under 1 the whole ceiling.
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 0.999999))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffDelay(2, () => 0.5)).toBe(3_000);
  });

  it('stops growing at the cap', () => {
    expect(backoffDelay(8, () => 0.999999)).toBe(256_000);
    expect(backoffDelay(9, () => 0.999999)).toBe(SYNC_BACKOFF.capMs);
    expect(backoffDelay(1_000, () => 0)).toBe(SYNC_BACKOFF.capMs / 2);
    expect(backoffDelay(40, () => 0.999999, SOCKET_BACKOFF)).toBe(60_000);
  });

  it('spreads devices that failed together', () => {
    let seed = 7;
    // A small LCG (Numerical Recipes constants) so the spread is reproducible.
    const random = () => (seed = (seed * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
    const delays = Array.from({ length: 200 }, () => backoffDelay(4, random));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(8_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(16_000);
    expect(new Set(delays).size).toBeGreaterThan(150);
  });

  it('never waits less than the server asked (Retry-After)', () => {
    expect(backoffDelay(0, () => 0, SYNC_BACKOFF, 30_000)).toBe(30_000);
    expect(backoffDelay(5, () => 0.999999, SYNC_BACKOFF, 1_000)).toBe(32_000);
  });

  it('treats odd attempts and random values as the first attempt and the middle', () => {
    expect(backoffDelay(-3, () => 0)).toBe(500);
    expect(backoffDelay(1.5, () => 0)).toBe(500);
    expect(backoffDelay(0, () => Number.NaN)).toBe(750);
    expect(backoffDelay(0, () => 5)).toBe(1_000);
  });
});
