import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import {
  checkCounter,
  DEFAULT_ALGORITHM,
  DEFAULT_DIGITS,
  MAX_DIGITS,
  MIN_DIGITS,
  OtpError,
  type OtpAlgorithm,
} from './types.ts';

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;

/**
 * HMAC(secret, counter) reduced to a 31-bit number by RFC 4226 §5.3 dynamic truncation.
 * Shared by HOTP, TOTP (RFC 6238 §4: TOTP is HOTP over a time step) and Steam.
 */
export function truncatedHmac(secret: Uint8Array, counter: number, algorithm: OtpAlgorithm): number {
  if (!(secret instanceof Uint8Array) || secret.length === 0)
    throw new OtpError('invalid-secret', 'the secret is empty');
  checkCounter(counter);
  const hash = HASHES[algorithm];
  if (hash === undefined)
    throw new OtpError('unsupported-algorithm', `unsupported algorithm ${JSON.stringify(String(algorithm))}`);
  const mac = hmac(hash, secret, counterBytes(counter));
  // RFC 4226 §5.3: the low 4 bits of the last byte pick the offset of 4 bytes; the top bit is
  // masked so the result is the same signed or unsigned. RFC 6238 §1.2 applies the same rule to
  // the longer SHA-256/512 MACs.
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  mac.fill(0);
  return value;
}

/** RFC 4226 §5.3: HOTP(K, C) = Truncate(HMAC(K, C)) mod 10^Digit, left-padded with zeros. */
export function hotp(
  secret: Uint8Array,
  counter: number,
  opts: { algorithm?: OtpAlgorithm; digits?: number } = {},
): string {
  const digits = opts.digits ?? DEFAULT_DIGITS;
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new OtpError('digits-out-of-range', `digits must be ${MIN_DIGITS} to ${MAX_DIGITS}, got ${digits}`);
  }
  const value = truncatedHmac(secret, counter, opts.algorithm ?? DEFAULT_ALGORITHM);
  return String(value % 10 ** digits).padStart(digits, '0');
}

// RFC 4226 §5.1: C is an 8-byte big-endian counter. Written as two 32-bit halves because
// bitwise operators in JavaScript stop at 32 bits and time steps pass 2^32 with a 1 s period.
function counterBytes(counter: number): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  return bytes;
}
