import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTesseraError } from '../../src/errors.ts';
import {
  checkDeviceId,
  checkStamp,
  compareStamps,
  DEFAULT_MAX_AHEAD_MS,
  formatStamp,
  HybridClock,
  MAX_COUNTER,
  MAX_WALL_MS,
  parseStamp,
  stampAfter,
} from '../../src/vault/hlc.ts';

const T0 = Date.UTC(2026, 10, 22, 10, 15, 30, 123);

function throwsCode(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(isTesseraError(caught, code), `expected TesseraError ${code}, got ${String(caught)}`).toBe(true);
}

describe('stamp format', () => {
  it('writes ISO time, four hex digits of counter and the device id', () => {
    expect(formatStamp({ wall: T0, counter: 0, device: 'phone1' })).toBe('2026-11-22T10:15:30.123Z-0000-phone1');
    expect(formatStamp({ wall: 0, counter: 0xabc, device: 'a' })).toBe('1970-01-01T00:00:00.000Z-0abc-a');
    expect(formatStamp({ wall: MAX_WALL_MS, counter: MAX_COUNTER, device: 'k3Jd-_Q9' })).toBe(
      '9999-12-31T23:59:59.999Z-ffff-k3Jd-_Q9',
    );
  });

  it('parses what it writes', () => {
    expect(parseStamp('2026-11-22T10:15:30.123Z-00ff-lap-top_2')).toEqual({
      wall: T0,
      counter: 255,
      device: 'lap-top_2',
    });
    expect(checkStamp('2026-11-22T10:15:30.123Z-0000-x')).toBe('2026-11-22T10:15:30.123Z-0000-x');
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['no device', '2026-11-22T10:15:30.123Z-0000-'],
    ['short counter', '2026-11-22T10:15:30.123Z-000-a'],
    ['upper-case hex', '2026-11-22T10:15:30.123Z-00FF-a'],
    ['no milliseconds', '2026-11-22T10:15:30Z-0000-a'],
    ['offset instead of Z', '2026-11-22T10:15:30.123+01:00-0000-a'],
    ['impossible day', '2026-02-30T10:15:30.123Z-0000-a'],
    ['hour 24', '2026-11-22T24:00:00.000Z-0000-a'],
    ['dot in device id', '2026-11-22T10:15:30.123Z-0000-a.b'],
    ['device id of 65 characters', `2026-11-22T10:15:30.123Z-0000-${'a'.repeat(65)}`],
    ['trailing newline', '2026-11-22T10:15:30.123Z-0000-a\n'],
  ])('refuses a stamp with %s', (_, stamp) => {
    throwsCode(() => parseStamp(stamp), 'stamp-invalid');
  });

  it('takes exactly the times Date.parse reads back unchanged (every day of every month, leap years)', () => {
    // The reference: what parseStamp did before it did the arithmetic itself.
    const reference = (iso: string): number | null => {
      const wall = Date.parse(iso);
      return Number.isSafeInteger(wall) && wall >= 0 && new Date(wall).toISOString() === iso ? wall : null;
    };
    const two = (n: number) => String(n).padStart(2, '0');
    const field = (max: number) => fc.integer({ min: 0, max });
    fc.assert(
      fc.property(
        fc.constantFrom(1899, 1969, 1970, 1999, 2000, 2024, 2026, 2100, 2400, 9999),
        field(13),
        field(32),
        field(25),
        field(60),
        field(60),
        field(999),
        (y, mo, d, h, mi, s, ms) => {
          const iso = `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.${String(ms).padStart(3, '0')}Z`;
          const want = reference(iso);
          let got: number | null;
          try {
            got = parseStamp(`${iso}-0000-a`).wall;
          } catch (e) {
            expect(isTesseraError(e, 'stamp-invalid')).toBe(true);
            got = null;
          }
          expect(got, iso).toBe(want);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('refuses to write a stamp outside its range', () => {
    throwsCode(() => formatStamp({ wall: -1, counter: 0, device: 'a' }), 'clock-overflow');
    throwsCode(() => formatStamp({ wall: MAX_WALL_MS + 1, counter: 0, device: 'a' }), 'clock-overflow');
    throwsCode(() => formatStamp({ wall: T0, counter: MAX_COUNTER + 1, device: 'a' }), 'clock-overflow');
    throwsCode(() => formatStamp({ wall: T0 + 0.5, counter: 0, device: 'a' }), 'clock-overflow');
    throwsCode(() => formatStamp({ wall: T0, counter: 0, device: 'a b' }), 'device-id-invalid');
  });

  it('checks device ids', () => {
    expect(checkDeviceId('Zq0-_')).toBe('Zq0-_');
    throwsCode(() => checkDeviceId(''), 'device-id-invalid');
    throwsCode(() => checkDeviceId('é'), 'device-id-invalid');
    throwsCode(() => checkDeviceId(7), 'device-id-invalid');
  });

  it('sorts as a plain string exactly as (wall, counter, device) sorts', () => {
    const parts = fc.record({
      wall: fc.integer({ min: 0, max: MAX_WALL_MS }),
      counter: fc.integer({ min: 0, max: MAX_COUNTER }),
      device: fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/),
    });
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        const tuple =
          a.wall - b.wall || a.counter - b.counter || (a.device < b.device ? -1 : a.device > b.device ? 1 : 0);
        const sa = formatStamp(a);
        const sb = formatStamp(b);
        expect(Math.sign(compareStamps(sa, sb))).toBe(Math.sign(tuple));
        expect(parseStamp(sa)).toEqual(a);
      }),
    );
  });
});

describe('stampAfter', () => {
  it('gives the next stamp of this device after any stamp', () => {
    const prev = '2026-11-22T10:15:30.123Z-0007-zzz';
    const next = stampAfter(prev, 'aaa');
    expect(next).toBe('2026-11-22T10:15:30.123Z-0008-aaa');
    expect(compareStamps(next, prev)).toBe(1);
  });

  it('carries into the next millisecond when the counter is full', () => {
    expect(stampAfter('2026-11-22T10:15:30.123Z-ffff-a', 'b')).toBe('2026-11-22T10:15:30.124Z-0000-b');
    throwsCode(() => stampAfter('9999-12-31T23:59:59.999Z-ffff-a', 'b'), 'clock-overflow');
  });
});

describe('HybridClock', () => {
  it('follows the wall clock when it moves forward', () => {
    let now = T0;
    const clock = new HybridClock('phone', () => now);
    expect(clock.tick()).toBe('2026-11-22T10:15:30.123Z-0000-phone');
    now += 1000;
    expect(clock.tick()).toBe('2026-11-22T10:15:31.123Z-0000-phone');
  });

  it('counts events inside one millisecond', () => {
    const clock = new HybridClock('phone', () => T0);
    expect([clock.tick(), clock.tick(), clock.tick()]).toEqual([
      '2026-11-22T10:15:30.123Z-0000-phone',
      '2026-11-22T10:15:30.123Z-0001-phone',
      '2026-11-22T10:15:30.123Z-0002-phone',
    ]);
  });

  it('never goes backwards when the wall clock does', () => {
    let now = T0;
    const clock = new HybridClock('phone', () => now);
    const first = clock.tick();
    now -= 3_600_000;
    const second = clock.tick();
    expect(second).toBe('2026-11-22T10:15:30.123Z-0001-phone');
    expect(compareStamps(second, first)).toBe(1);
  });

  it('borrows the next millisecond when the counter runs out', () => {
    const clock = new HybridClock('phone', () => T0);
    let last = '';
    for (let i = 0; i <= MAX_COUNTER; i++) last = clock.tick();
    expect(last).toBe('2026-11-22T10:15:30.123Z-ffff-phone');
    expect(clock.tick()).toBe('2026-11-22T10:15:30.124Z-0000-phone');
  });

  it('fails with a typed error instead of passing year 9999', () => {
    const clock = new HybridClock('phone', () => MAX_WALL_MS);
    for (let i = 0; i <= MAX_COUNTER; i++) clock.tick();
    throwsCode(() => clock.tick(), 'clock-overflow');
  });

  it('keeps ticking on a broken time source', () => {
    for (const broken of [Number.NaN, Number.POSITIVE_INFINITY, -5]) {
      const clock = new HybridClock('phone', () => broken);
      const a = clock.tick();
      const b = clock.tick();
      expect(compareStamps(b, a)).toBe(1);
    }
  });

  it('uses the real time by default', () => {
    const before = Date.now();
    const { wall } = parseStamp(new HybridClock('phone').tick());
    expect(wall).toBeGreaterThanOrEqual(before);
    expect(wall).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a bad device id or bound', () => {
    throwsCode(() => new HybridClock('has space'), 'device-id-invalid');
    throwsCode(() => new HybridClock('a', Date.now, { maxAheadMs: -1 }), 'clock-options-invalid');
    throwsCode(() => new HybridClock('a', Date.now, { maxAheadMs: 1.5 }), 'clock-options-invalid');
  });

  it('ticks after a stamp it observed from a device whose clock is ahead', () => {
    const clock = new HybridClock('phone', () => T0);
    clock.tick();
    const remote = formatStamp({ wall: T0 + 60_000, counter: 5, device: 'zzz' });
    clock.observe(remote);
    expect(clock.tick()).toBe(formatStamp({ wall: T0 + 60_000, counter: 6, device: 'phone' }));
  });

  it('ticks after an observed stamp of the same millisecond from a later-sorting device', () => {
    const clock = new HybridClock('aaa', () => T0);
    clock.observe(formatStamp({ wall: T0, counter: 0, device: 'zzz' }));
    expect(compareStamps(clock.tick(), formatStamp({ wall: T0, counter: 0, device: 'zzz' }))).toBe(1);
  });

  it('does not move for an older stamp', () => {
    const clock = new HybridClock('phone', () => T0);
    clock.observe(formatStamp({ wall: T0 - 5000, counter: 9, device: 'laptop' }));
    expect(clock.tick()).toBe(formatStamp({ wall: T0, counter: 0, device: 'phone' }));
  });

  it('refuses a stamp more than a day ahead and stays where it was', () => {
    const clock = new HybridClock('phone', () => T0);
    expect(clock.maxAheadMs).toBe(DEFAULT_MAX_AHEAD_MS);
    clock.observe(formatStamp({ wall: T0 + DEFAULT_MAX_AHEAD_MS, counter: 0, device: 'laptop' }));
    const fresh = new HybridClock('phone', () => T0);
    throwsCode(
      () => fresh.observe(formatStamp({ wall: T0 + DEFAULT_MAX_AHEAD_MS + 1, counter: 0, device: 'x' })),
      'stamp-too-far-ahead',
    );
    expect(fresh.tick()).toBe(formatStamp({ wall: T0, counter: 0, device: 'phone' }));
  });

  it('takes its bound from the options', () => {
    const clock = new HybridClock('phone', () => T0, { maxAheadMs: 1000 });
    throwsCode(() => clock.observe(formatStamp({ wall: T0 + 1001, counter: 0, device: 'x' })), 'stamp-too-far-ahead');
    throwsCode(() => clock.observe('yesterday'), 'stamp-invalid');
  });

  it('stays strictly increasing and after everything it observed, whatever the wall clock does', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('wall' as const), delta: fc.integer({ min: -100_000, max: 100_000 }) }),
      fc.record({ kind: fc.constant('tick' as const) }),
      fc.record({
        kind: fc.constant('observe' as const),
        offset: fc.integer({ min: -100_000, max: DEFAULT_MAX_AHEAD_MS }),
        counter: fc.integer({ min: 0, max: MAX_COUNTER }),
        device: fc.constantFrom('a', 'z', 'phone'),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let now = T0;
        const clock = new HybridClock('phone', () => now);
        let floor = '';
        for (const s of steps) {
          if (s.kind === 'wall') now += s.delta;
          else if (s.kind === 'tick') {
            const stamp = clock.tick();
            expect(stamp > floor).toBe(true);
            floor = stamp;
          } else {
            const stamp = formatStamp({ wall: now + s.offset, counter: s.counter, device: s.device });
            clock.observe(stamp);
            if (stamp > floor) floor = stamp;
          }
        }
      }),
    );
  });
});
