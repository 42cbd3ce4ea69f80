import { randomBytes } from '../crypto/random.ts';
import { TWO_FACTOR_RULES } from './limits.ts';

// Recovery codes (docs/api.md, "Recovery codes"): 10 characters of Crockford's Base32
// (https://www.crockford.com/base32.html), 5 bits each, so 50 random bits per code. The alphabet
// leaves out i, l, o and u, and reading is lenient as Crockford specifies (o is 0, i and l are 1,
// any case, hyphens and spaces ignored), so a code copied from paper by hand still works.
export const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

const LENGTH = TWO_FACTOR_RULES.recoveryCodeLength;
const HALF = LENGTH / 2;
const CANONICAL = new RegExp(`^[${RECOVERY_ALPHABET}]{${LENGTH}}$`);

// 256 is a multiple of 32, so the low 5 bits of a random byte pick each character uniformly.
export function generateRecoveryCode(): string {
  const bytes = randomBytes(LENGTH);
  let code = '';
  for (const byte of bytes) code += RECOVERY_ALPHABET[byte & 31];
  bytes.fill(0);
  return code;
}

// Shown to people as two groups of five: `7kq2m-x9df0`.
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, HALF)}-${code.slice(HALF)}`;
}

// The canonical form (10 lowercase alphabet characters) of what a person typed, or null when it
// cannot be a recovery code.
export function normalizeRecoveryCode(typed: string): string | null {
  if (typeof typed !== 'string' || typed.length > 4 * LENGTH) return null;
  const code = typed
    .toLowerCase()
    .replace(/[\s-]+/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  return CANONICAL.test(code) ? code : null;
}
