import { TesseraError } from '@tessera/core/errors';
import type { OtpErrorCode } from '@tessera/core/otp/types';

// What the user reads when an input is refused. Core's messages are precise but written for
// developers ("invalid base32 character '0' (U+0030) at position 5"); each code gets a sentence
// that says what is wrong in the user's words, and core's text stays as the detail, because it
// names the exact character or parameter. The add flow's own errors are already in user words.

export interface Problem {
  message: string;
  detail: string | null;
}

const OTP_MESSAGES: Record<OtpErrorCode, string> = {
  'base32-invalid': 'The secret key is not valid: setup keys use only the letters A–Z and the digits 2–7.',
  'not-otpauth-uri': 'This is not an authenticator link: it should start with otpauth://.',
  'unknown-type': 'This code is of a kind Tessera does not know; it supports TOTP, HOTP and Steam.',
  'missing-secret': 'The link has no secret key (secret=…), so no code can be made from it.',
  'invalid-secret':
    'The secret key in this code cannot be used: it must be base32 (letters A–Z, digits 2–7), not empty and not huge.',
  'unsupported-algorithm':
    'The code asks for a hash algorithm Tessera does not support; SHA1, SHA256 and SHA512 are supported.',
  'digits-out-of-range': 'The code asks for a number of digits Tessera does not support (6 to 8; 5 for Steam).',
  'period-out-of-range': 'The code asks for a time period that is not valid (a whole number of seconds from 1).',
  'missing-counter': 'This counter-based (HOTP) link has no counter value.',
  'invalid-counter': 'The counter value is not valid (a whole number from 0).',
  'bad-label': 'The account name in the link is malformed.',
  'bad-parameter': 'A value in the link is malformed.',
  'duplicate-parameter': 'The link gives the same setting twice, so it is ambiguous.',
  'invalid-time': 'The device clock gives an impossible time; check the date and time settings.',
  'window-out-of-range': 'The code check was asked for an unsupported time window.',
  'not-migration-uri': 'This is not a Google Authenticator export: it should start with otpauth-migration://.',
  'migration-bad-data': 'The Google Authenticator export is damaged or cut short. Scan or copy it again.',
  'migration-unsupported': 'The Google Authenticator export holds an entry Tessera cannot import.',
};

function isOtpCode(code: string): code is OtpErrorCode {
  return Object.hasOwn(OTP_MESSAGES, code);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The message for any error that reaches the add flow; never empty, never silent. */
export function describeProblem(error: unknown): Problem {
  if (error instanceof TesseraError) {
    if (isOtpCode(error.code)) return { message: OTP_MESSAGES[error.code], detail: sentence(error.message) || null };
    return { message: sentence(error.message) || `Failed (${error.code}).`, detail: null };
  }
  // Not thrown on purpose: a bug or a browser failure. Say so plainly rather than hide it.
  const text = error instanceof Error ? error.message : String(error);
  return { message: 'Something went wrong.', detail: text ? sentence(text) : null };
}
