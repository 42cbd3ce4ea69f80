import { AddError } from './errors.ts';

// A setup key is the OTP secret written in base32 (RFC 4648 §6). Sites print it in groups, in
// lower or upper case, sometimes with dashes or a trailing "=" padding; all of that is noise.
// Whitespace here includes the no-break and zero-width spaces that copy-paste from web pages brings.
const NOISE = /[\s\u00a0\u200b\u200c\u200d\u2060\ufeff\-\u2010\u2011\u2012\u2013\u2014\u2212]/u;
const ALPHABET = /^[A-Z2-7]$/;

// The characters people mistake for base32 ones, and what they most likely meant.
const LOOKALIKES: Record<string, string> = {
  '0': 'the letter O',
  '1': 'the letter I or L',
  '8': 'the letter B',
  '9': 'the letter G or the digit 6',
};

function describe(char: string): string {
  const point = char.codePointAt(0) ?? 0;
  const hex = point.toString(16).toUpperCase().padStart(4, '0');
  return point < 0x20 || point === 0x7f ? `the control character U+${hex}` : `“${char}”`;
}

/**
 * Returns the key in canonical form (upper case, no separators, no padding), or throws an
 * AddError that names the first bad character and its position in what the user typed.
 */
export function normaliseSetupKey(text: string): string {
  const chars = Array.from(text);
  let key = '';
  let padding = false;
  for (const [i, raw] of chars.entries()) {
    if (NOISE.test(raw)) continue;
    const position = i + 1;
    if (raw === '=') {
      padding = true;
      continue;
    }
    const char = raw.toUpperCase();
    if (padding || !ALPHABET.test(char)) {
      const hint = !padding && LOOKALIKES[raw] !== undefined ? ` Did you mean ${LOOKALIKES[raw]}?` : '';
      const what = padding ? '“=” may only come at the end' : `${describe(raw)} is not used in setup keys`;
      throw new AddError(
        'key-character',
        `Character ${position} of the key: ${what}. Setup keys use the letters A–Z and the digits 2–7.${hint}`,
      );
    }
    key += char;
  }
  if (key === '') throw new AddError('key-empty', 'Enter the setup key shown by the website.');
  // RFC 4648 §6: a final quantum holds 2, 4, 5 or 7 characters, so 1, 3 or 6 left over means a
  // character was lost or added while copying.
  if ([1, 3, 6].includes(key.length % 8)) {
    throw new AddError(
      'key-length',
      `A key of ${key.length} characters cannot be complete: a character is missing or one too many. Check the key against the website.`,
    );
  }
  return key;
}

/** Groups a canonical key in fours for display, as most sites print it. */
export function groupSetupKey(key: string): string {
  return key.replace(/(.{4})(?=.)/g, '$1 ');
}
