import { describe, expect, it } from 'vitest';
import { bestOffset, clockIsOff, describeOffset, measureOffset } from '../../src/services/sync/clock-offset.ts';

describe('measureOffset', () => {
  it('compares the server time with the midpoint of the round trip', () => {
    // Sent at 1,000, answered at 1,200: the server's 61,100 was read at about 1,100.
    expect(measureOffset({ sentAt: 1_000, receivedAt: 1_200, time: 61_100, date: null })).toEqual({
      offsetMs: 60_000,
      uncertaintyMs: 100,
      roundTripMs: 200,
    });
    expect(measureOffset({ sentAt: 50_000, receivedAt: 50_040, time: 30_020, date: null })).toEqual({
      offsetMs: -20_000,
      uncertaintyMs: 20,
      roundTripMs: 40,
    });
  });

  it('reads the Date header as the middle of its second when there is no ms time', () => {
    // Date: Sun, 22 Nov 2026 12:00:10 GMT, whole seconds (RFC 9110 §5.6.7).
    const date = Date.parse('Sun, 22 Nov 2026 12:00:10 GMT');
    const sentAt = date - 30_000;
    const offset = measureOffset({ sentAt, receivedAt: sentAt + 100, time: null, date });
    expect(offset).toEqual({ offsetMs: 30_450, uncertaintyMs: 550, roundTripMs: 100 });
  });

  it('gives nothing for a sample without a server time or with a clock that went backwards', () => {
    expect(measureOffset({ sentAt: 0, receivedAt: 10, time: null, date: null })).toBeNull();
    expect(measureOffset({ sentAt: 10, receivedAt: 5, time: 7, date: null })).toBeNull();
  });
});

describe('bestOffset', () => {
  it('keeps the sample with the shortest round trip', () => {
    const best = bestOffset([
      { sentAt: 0, receivedAt: 900, time: 20_000, date: null },
      { sentAt: 1_000, receivedAt: 1_020, time: 21_000, date: null },
      { sentAt: 2_000, receivedAt: 2_300, time: 22_500, date: null },
    ]);
    expect(best).toEqual({ offsetMs: 19_990, uncertaintyMs: 10, roundTripMs: 20 });
    expect(bestOffset([])).toBeNull();
  });
});

describe('clockIsOff', () => {
  it('warns past 15 s, allowing for the measurement error', () => {
    expect(clockIsOff({ offsetMs: 15_000, uncertaintyMs: 0, roundTripMs: 0 })).toBe(false);
    expect(clockIsOff({ offsetMs: 15_001, uncertaintyMs: 0, roundTripMs: 0 })).toBe(true);
    expect(clockIsOff({ offsetMs: -16_000, uncertaintyMs: 500, roundTripMs: 1_000 })).toBe(true);
    // A slow answer cannot raise a false alarm.
    expect(clockIsOff({ offsetMs: 16_000, uncertaintyMs: 2_000, roundTripMs: 4_000 })).toBe(false);
  });
});

describe('describeOffset', () => {
  it('says how far and which way the device is off', () => {
    expect(describeOffset(42_000)).toBe('42 s behind');
    expect(describeOffset(-185_400)).toBe('3 min 5 s ahead');
    expect(describeOffset(2 * 3600_000 + 60_000)).toBe('2 h 1 min behind');
    expect(describeOffset(-200)).toBe('0 s ahead');
  });
});
