import { base32Decode } from '@tessera/core/otp/base32';
import { checkOtp, DEFAULT_PERIOD, MAX_DIGITS, MIN_DIGITS, STEAM_DIGITS, STEAM_PERIOD } from '@tessera/core/otp/types';
import type { Otp, OtpAlgorithm, OtpType } from '@tessera/core/otp/types';
import { AddError } from './errors.ts';
import { normaliseSetupKey } from './setup-key.ts';

// The setup-key form as typed (numbers still text), and how it becomes an Otp. Defaults are what
// nearly every site uses (RFC 6238 §4: 30 s steps; Google Authenticator's 6 digits, SHA-1), so a
// user who leaves "Advanced" closed gets the right code.

export interface KeyForm {
  key: string;
  issuer: string;
  account: string;
  type: OtpType;
  algorithm: OtpAlgorithm;
  digits: string;
  period: string;
  counter: string;
}

export const DIGITS = { min: MIN_DIGITS, max: MAX_DIGITS } as const;
// Core takes any period from 1 s; an hour is far beyond any real service and catches typos.
export const PERIOD = { min: 1, max: 3600 } as const;
export const COUNTER = { min: 0, max: Number.MAX_SAFE_INTEGER } as const;

export function defaultKeyForm(): KeyForm {
  return { key: '', issuer: '', account: '', type: 'totp', algorithm: 'SHA1', digits: '6', period: '30', counter: '0' };
}

function wholeNumber(text: string, label: string, range: { min: number; max: number }): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) {
    throw new AddError('field-range', `${label} must be a whole number from ${range.min} to ${range.max}.`);
  }
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new AddError(
      'field-range',
      `${label} must be from ${range.min} to ${range.max}; ${trimmed} is out of range.`,
    );
  }
  return value;
}

/** The Otp the form describes; throws an AddError (or core's OtpError) naming the bad field. */
export function otpFromKeyForm(form: KeyForm): Otp {
  const secret = base32Decode(normaliseSetupKey(form.key));
  const steam = form.type === 'steam';
  return checkOtp({
    type: form.type,
    secret,
    // Steam Guard codes are fixed: HMAC-SHA1, 30 s, five characters.
    algorithm: steam ? 'SHA1' : form.algorithm,
    digits: steam ? STEAM_DIGITS : wholeNumber(form.digits, 'Digits', DIGITS),
    period: form.type === 'hotp' ? DEFAULT_PERIOD : steam ? STEAM_PERIOD : wholeNumber(form.period, 'Period', PERIOD),
    counter: form.type === 'hotp' ? wholeNumber(form.counter, 'Counter', COUNTER) : 0,
    issuer: form.issuer.trim(),
    account: form.account.trim(),
  });
}
