import { base32, base32nopad } from '@scure/base';
import { OtpError } from './types.ts';

// RFC 4648 §6: the base32 alphabet.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const VALUES = new Map<string, number>();
for (let i = 0; i < ALPHABET.length; i++) {
  VALUES.set(ALPHABET[i]!, i);
  VALUES.set(ALPHABET[i]!.toLowerCase(), i);
}
// People copy setup keys as "jbsw y3dp-ehpk 3pxp"; these separators carry no data.
const SEPARATORS = new Set([' ', '\t', '\r', '\n', '-']);
// RFC 4648 §6: a final quantum of 8 characters holds 0..4 whole bytes, so only these counts of
// leftover characters (length mod 8) can end a valid encoding.
const VALID_TAIL = new Set([0, 2, 4, 5, 7]);

/**
 * Decodes RFC 4648 base32 the way people type setup keys: any case, spaces and dashes anywhere,
 * padding optional. Bits left over after the last whole byte are ignored, as Google
 * Authenticator does. Anything else throws OtpError 'base32-invalid' naming the character and
 * its 1-based position in `text`.
 */
export function base32Decode(text: string): Uint8Array {
  if (typeof text !== 'string') throw new OtpError('base32-invalid', 'base32 input must be a string');
  const values: number[] = [];
  let paddingAt = -1;
  let position = 0;
  for (const char of text) {
    position++;
    if (SEPARATORS.has(char)) continue;
    if (char === '=') {
      if (paddingAt < 0) paddingAt = position;
      continue;
    }
    const value = VALUES.get(char);
    if (value === undefined || paddingAt >= 0) {
      const what =
        value === undefined
          ? `invalid base32 character ${describe(char)}`
          : `base32 character ${describe(char)} after padding`;
      throw new OtpError('base32-invalid', `${what} at position ${position}`);
    }
    values.push(value);
  }
  if (!VALID_TAIL.has(values.length % 8)) {
    throw new OtpError(
      'base32-invalid',
      `base32 text of ${values.length} characters is cut short: the last character at position ${lastDataPosition(text)} does not complete a byte`,
    );
  }
  const out = new Uint8Array(Math.floor((values.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const value of values) {
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

/** RFC 4648 §6 base32, upper case, without padding unless asked (otpauth URIs omit it). */
export function base32Encode(bytes: Uint8Array, opts: { padding?: boolean } = {}): string {
  return opts.padding === true ? base32.encode(bytes) : base32nopad.encode(bytes);
}

function describe(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code >= 0x21 && code <= 0x7e ? `'${char}' (${hex})` : hex;
}

function lastDataPosition(text: string): number {
  let position = 0;
  let last = 0;
  for (const char of text) {
    position++;
    if (!SEPARATORS.has(char) && char !== '=') last = position;
  }
  return last;
}
