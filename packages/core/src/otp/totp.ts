import { hotp } from './hotp.ts';
import { DEFAULT_PERIOD, OtpError, type OtpAlgorithm } from './types.ts';

/**
 * RFC 6238 §4.2: T = floor((Current Unix time - T0) / X) with T0 = 0. Fractions of a second are
 * allowed (they come from Date.now() / 1000) and floor away.
 */
export function timeStep(unixSeconds: number, period: number = DEFAULT_PERIOD): number {
  if (!Number.isSafeInteger(period) || period < 1) {
    throw new OtpError('period-out-of-range', `period must be a whole number of seconds from 1 up, got ${period}`);
  }
  if (!Number.isFinite(unixSeconds) || unixSeconds < 0 || unixSeconds > Number.MAX_SAFE_INTEGER) {
    throw new OtpError('invalid-time', `time must be Unix seconds from 0 up, got ${unixSeconds}`);
  }
  return Math.floor(unixSeconds / period);
}

/** RFC 6238 §4.2: TOTP = HOTP(K, T). */
export function totp(
  secret: Uint8Array,
  unixSeconds: number,
  opts: { algorithm?: OtpAlgorithm; digits?: number; period?: number } = {},
): string {
  return hotp(secret, timeStep(unixSeconds, opts.period), opts);
}
