import { truncatedHmac } from './hotp.ts';
import { timeStep } from './totp.ts';
import { STEAM_DIGITS, STEAM_PERIOD } from './types.ts';

// Valve's Steam Guard alphabet: digits and consonants that cannot be misread for each other.
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/**
 * Steam Guard mobile codes: TOTP with SHA1 over 30 s steps (RFC 6238), but the truncated
 * 31-bit value is written as 5 base-26 characters, least significant first, instead of decimal.
 * There is no public spec; this matches Valve's app as recorded by KeePassXC's tests.
 */
export function steamCode(secret: Uint8Array, unixSeconds: number): string {
  let value = truncatedHmac(secret, timeStep(unixSeconds, STEAM_PERIOD), 'SHA1');
  let code = '';
  for (let i = 0; i < STEAM_DIGITS; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}
