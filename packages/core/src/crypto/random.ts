import { toBase64url } from './bytes.ts';
import { CryptoError } from './errors.ts';

// Web Crypto refuses more than 65,536 bytes per call; nothing in Tessera needs more.
const MAX_RANDOM_BYTES = 65_536;

export const ID_BYTES = 16;

export function randomBytes(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0 || length > MAX_RANDOM_BYTES) {
    throw new CryptoError('invalid-input', `randomBytes length must be an integer from 0 to ${MAX_RANDOM_BYTES}`);
  }
  return crypto.getRandomValues(new Uint8Array(length));
}

// 128 random bits: collisions between ids made on different offline devices are not a concern.
// 22 characters of unpadded base64url, safe in URLs, JSON and IndexedDB keys.
export function randomId(): string {
  return toBase64url(randomBytes(ID_BYTES));
}
