import { hotp } from './hotp.ts';
import { steamCode } from './steam.ts';
import { totp } from './totp.ts';
import { checkOtp, OtpError, type Otp } from './types.ts';

export interface OtpCode {
  code: string;
  /** The code after this one: the next time step, or counter + 1 for hotp. */
  next: string;
  /** Whole seconds until `code` expires, rounded up (1..period); null for hotp. */
  secondsLeft: number | null;
  period: number | null;
}

/**
 * What an authenticator shows for `otp` at `nowMs` (Unix milliseconds). `offsetMs` is the
 * device clock's error, added to `nowMs`, so a phone that runs slow still shows the code the
 * server expects.
 */
export function otpCode(otp: Otp, nowMs: number, offsetMs = 0): OtpCode {
  checkOtp(otp);
  if (otp.type === 'hotp') {
    const opts = { algorithm: otp.algorithm, digits: otp.digits };
    return {
      code: hotp(otp.secret, otp.counter, opts),
      next: hotp(otp.secret, otp.counter + 1, opts),
      secondsLeft: null,
      period: null,
    };
  }
  const ms = nowMs + offsetMs;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new OtpError(
      'invalid-time',
      `time must be Unix milliseconds from 0 up, got ${nowMs} with offset ${offsetMs}`,
    );
  }
  // One step computed once from milliseconds, so the code, the next code and secondsLeft agree
  // on where the boundary is.
  const periodMs = otp.period * 1000;
  const stepStart = Math.floor(ms / periodMs) * otp.period;
  const generate =
    otp.type === 'steam'
      ? (at: number) => steamCode(otp.secret, at)
      : (at: number) => totp(otp.secret, at, { algorithm: otp.algorithm, digits: otp.digits, period: otp.period });
  return {
    code: generate(stepStart),
    next: generate(stepStart + otp.period),
    secondsLeft: Math.ceil((periodMs - (ms % periodMs)) / 1000),
    period: otp.period,
  };
}
