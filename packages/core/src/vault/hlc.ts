import { TesseraError } from '../errors.ts';

// A hybrid logical clock (Kulkarni, Demirbas et al., "Logical Physical Clocks and Consistent
// Snapshots in Globally Distributed Databases", 2014): physical wall time in ms, a logical counter
// that orders events inside one ms or while the wall clock lags, and the device id as the final
// tie-break so two devices never produce the same stamp.
//
// A stamp is written `<ISO-8601 UTC time, ms precision>-<counter, 4 hex digits>-<device id>`,
// e.g. `2026-11-22T10:15:30.123Z-0000-phone1`. The time and counter parts are fixed width, so
// comparing two stamps as plain strings compares (wall, counter, device) in that order.
export type Stamp = string;

export class ClockError extends TesseraError {}

export interface StampParts {
  wall: number;
  counter: number;
  device: string;
}

export interface ClockOptions {
  // How far ahead of this device's wall clock a remote stamp may be before observe() refuses it.
  maxAheadMs?: number;
}

// 9999-12-31T23:59:59.999Z: the last instant that ISO-8601 writes with a four-digit year, which
// keeps the time part fixed width.
export const MAX_WALL_MS = 253_402_300_799_999;
export const MAX_COUNTER = 0xffff;
// One day: generous enough for any device whose clock is merely wrong by a time zone or a few
// hours, small enough that one device set years ahead cannot drag every clock into its future.
export const DEFAULT_MAX_AHEAD_MS = 86_400_000;

const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z-([0-9a-f]{4})-([A-Za-z0-9_-]{1,64})$/;

export function checkDeviceId(deviceId: unknown): string {
  if (typeof deviceId !== 'string' || !DEVICE_ID.test(deviceId)) {
    throw new ClockError('device-id-invalid', 'A device id is 1 to 64 characters of A-Z, a-z, 0-9, _ and -');
  }
  return deviceId;
}

export function formatStamp(parts: StampParts): Stamp {
  const { wall, counter, device } = parts;
  if (!Number.isSafeInteger(wall) || wall < 0 || wall > MAX_WALL_MS) {
    throw new ClockError('clock-overflow', 'Stamp time is outside 1970-01-01 to 9999-12-31');
  }
  if (!Number.isSafeInteger(counter) || counter < 0 || counter > MAX_COUNTER) {
    throw new ClockError('clock-overflow', 'Stamp counter is outside 0 to 65535');
  }
  checkDeviceId(device);
  return `${new Date(wall).toISOString()}-${counter.toString(16).padStart(4, '0')}-${device}`;
}

export function parseStamp(stamp: unknown): StampParts {
  const match = typeof stamp === 'string' ? STAMP.exec(stamp) : null;
  if (match === null) {
    throw new ClockError('stamp-invalid', 'A stamp is <ISO time>-<4 hex digits>-<device id>');
  }
  const [, y, mo, d, h, mi, s, ms, hex = '', device = ''] = match;
  const wall = utcMs(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), Number(ms));
  if (wall === null) throw new ClockError('stamp-invalid', 'A stamp holds an impossible date or one before 1970');
  return { wall, counter: Number.parseInt(hex, 16), device };
}

// The time of a stamp, or null for a date that Date.parse would roll over (2026-02-30, 24:00)
// or one before 1970. Every stored field carries a stamp and opening a vault checks each one, so
// this is arithmetic rather than Date.parse and a toISOString round trip (several times slower,
// and tens of thousands of calls for a large vault).
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  if (d > days) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

export function checkStamp(stamp: unknown): Stamp {
  parseStamp(stamp);
  return stamp as Stamp;
}

// Valid stamps only: the fixed-width prefix makes string order the clock order.
export function compareStamps(a: Stamp, b: Stamp): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// The smallest stamp of `device` that sorts after `prev`, whatever device wrote `prev`.
export function stampAfter(prev: Stamp, device: string): Stamp {
  const { wall, counter } = parseStamp(prev);
  return counter < MAX_COUNTER
    ? formatStamp({ wall, counter: counter + 1, device })
    : formatStamp({ wall: wall + 1, counter: 0, device });
}

export class HybridClock {
  readonly deviceId: string;
  readonly maxAheadMs: number;
  #now: () => number;
  #wall = 0;
  #counter = 0;

  constructor(deviceId: string, now: () => number = Date.now, options: ClockOptions = {}) {
    this.deviceId = checkDeviceId(deviceId);
    const maxAheadMs = options.maxAheadMs ?? DEFAULT_MAX_AHEAD_MS;
    if (!Number.isSafeInteger(maxAheadMs) || maxAheadMs < 0) {
      throw new ClockError('clock-options-invalid', 'maxAheadMs must be a non-negative integer');
    }
    this.maxAheadMs = maxAheadMs;
    this.#now = now;
  }

  // A broken time source must not break the clock: tick() stays monotonic on the logical part.
  #physical(): number {
    const t = this.#now();
    return Number.isFinite(t) ? Math.min(Math.max(Math.floor(t), 0), MAX_WALL_MS) : 0;
  }

  // Kulkarni et al., Fig. 5 "send or local event": l = max(l, pt); c = l unchanged ? c + 1 : 0.
  tick(): Stamp {
    const pt = this.#physical();
    let wall = this.#wall;
    let counter = this.#counter;
    if (pt > wall) {
      wall = pt;
      counter = 0;
    } else if (counter < MAX_COUNTER) {
      counter += 1;
    } else {
      // Counter exhausted inside one ms (or while the wall clock is behind): borrow the next ms
      // rather than fail, the stamp stays strictly increasing and at most a few ms ahead.
      wall += 1;
      counter = 0;
    }
    const stamp = formatStamp({ wall, counter, device: this.deviceId });
    this.#wall = wall;
    this.#counter = counter;
    return stamp;
  }

  // Folds a stamp seen elsewhere into the clock so the next tick() sorts after it (Kulkarni et al.,
  // Fig. 5 "receive event", without spending a stamp on the receive itself). A stamp more than
  // maxAheadMs ahead of this device's wall clock is refused and leaves the clock untouched: one
  // device with a clock set years ahead must not drag every other clock into its future.
  observe(stamp: Stamp): void {
    const { wall, counter } = parseStamp(stamp);
    if (wall > this.#physical() + this.maxAheadMs) {
      throw new ClockError('stamp-too-far-ahead', 'A stamp is more than the allowed time ahead of this device');
    }
    if (wall > this.#wall || (wall === this.#wall && counter > this.#counter)) {
      this.#wall = wall;
      this.#counter = counter;
    }
  }
}
