import { TesseraError } from '../errors.ts';

export type OtpType = 'totp' | 'hotp' | 'steam';
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/**
 * One OTP generator as the vault keeps it. `period` drives totp and steam (hotp keeps the
 * default 30, unused); `counter` drives hotp and is 0 for the others.
 */
export interface Otp {
  type: OtpType;
  secret: Uint8Array;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  counter: number;
  issuer: string;
  account: string;
}

/** Every code an OtpError can carry; docs/core/otp.md says when each one is thrown. */
export type OtpErrorCode =
  | 'base32-invalid'
  | 'not-otpauth-uri'
  | 'unknown-type'
  | 'missing-secret'
  | 'invalid-secret'
  | 'unsupported-algorithm'
  | 'digits-out-of-range'
  | 'period-out-of-range'
  | 'missing-counter'
  | 'invalid-counter'
  | 'bad-label'
  | 'bad-parameter'
  | 'duplicate-parameter'
  | 'invalid-time'
  | 'window-out-of-range'
  | 'not-migration-uri'
  | 'migration-bad-data'
  | 'migration-unsupported';

export class OtpError extends TesseraError {
  declare readonly code: OtpErrorCode;
  constructor(code: OtpErrorCode, message: string) {
    super(code, message);
    this.name = 'OtpError';
  }
}

export const OTP_TYPES: readonly OtpType[] = ['totp', 'hotp', 'steam'];
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
export const DEFAULT_ALGORITHM: OtpAlgorithm = 'SHA1';
export const DEFAULT_DIGITS = 6;
export const DEFAULT_PERIOD = 30;
// RFC 4226 §5.3: "a 6-digit code at a minimum and possibly 7 and 8-digit code".
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 8;
export const STEAM_DIGITS = 5;
export const STEAM_PERIOD = 30;
// RFC 4226 §4 R6 asks for at least 128 bits, but real services hand out 80-bit secrets, so any
// non-empty secret is taken; the ceiling only keeps hostile input from allocating without bound.
export const MAX_SECRET_BYTES = 1024;

/**
 * Checks every field against the rules of its type and returns the same object, so a value read
 * from storage, a URI or a form can be trusted from here on. Steam is fixed by Valve: SHA1, 5
 * characters, 30 s.
 */
export function checkOtp(otp: Otp): Otp {
  if (typeof otp !== 'object' || otp === null) throw new OtpError('unknown-type', 'expected an OTP object');
  if (!OTP_TYPES.includes(otp.type)) {
    throw new OtpError('unknown-type', `unknown OTP type ${JSON.stringify(String(otp.type))}`);
  }
  if (!(otp.secret instanceof Uint8Array) || otp.secret.length === 0) {
    throw new OtpError('invalid-secret', 'the secret is empty');
  }
  if (otp.secret.length > MAX_SECRET_BYTES) {
    throw new OtpError('invalid-secret', `the secret is longer than ${MAX_SECRET_BYTES} bytes`);
  }
  if (!OTP_ALGORITHMS.includes(otp.algorithm)) {
    throw new OtpError('unsupported-algorithm', `unsupported algorithm ${JSON.stringify(String(otp.algorithm))}`);
  }
  if (!Number.isSafeInteger(otp.period) || otp.period < 1) {
    throw new OtpError('period-out-of-range', `period must be a whole number of seconds from 1 up, got ${otp.period}`);
  }
  if (otp.type === 'steam') {
    if (otp.digits !== STEAM_DIGITS)
      throw new OtpError('digits-out-of-range', `steam codes have ${STEAM_DIGITS} characters, got ${otp.digits}`);
    if (otp.algorithm !== 'SHA1') throw new OtpError('unsupported-algorithm', 'steam codes use SHA1');
    if (otp.period !== STEAM_PERIOD)
      throw new OtpError('period-out-of-range', `steam codes change every ${STEAM_PERIOD} s`);
  } else if (!Number.isInteger(otp.digits) || otp.digits < MIN_DIGITS || otp.digits > MAX_DIGITS) {
    throw new OtpError('digits-out-of-range', `digits must be ${MIN_DIGITS} to ${MAX_DIGITS}, got ${otp.digits}`);
  }
  checkCounter(otp.counter);
  if (otp.type !== 'hotp' && otp.counter !== 0) {
    throw new OtpError('invalid-counter', `only hotp has a counter, ${otp.type} must have 0`);
  }
  if (typeof otp.issuer !== 'string' || typeof otp.account !== 'string') {
    throw new OtpError('bad-label', 'issuer and account must be strings');
  }
  return otp;
}

/** A counter is a non-negative integer that a double holds exactly (RFC 4226 allows 2^64 - 1). */
export function checkCounter(counter: number): number {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new OtpError('invalid-counter', `counter must be a whole number from 0 to 2^53 - 1, got ${counter}`);
  }
  return counter;
}
