import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { isBytes, utf8Encode } from './bytes.ts';
import { CryptoError } from './errors.ts';
import { MASTER_KEY_LENGTH } from './kdf.ts';

// Domain separation: each derived key has its own label naming the format version, so a key
// made for one purpose can never be the key of another (docs/architecture.md, "Key hierarchy").
export const KEK_INFO = 'tessera v1 kek';
export const AUTH_INFO = 'tessera v1 auth';
export const DERIVED_KEY_LENGTH = 32;

export interface MasterKeySplit {
  kek: Uint8Array; // wraps the vault key; never leaves the device
  authKey: Uint8Array; // proves the password to the server, which stores only SHA-256(authKey)
}

// RFC 5869 §2.2: with no salt, HKDF-Extract uses HashLen zero bytes. masterKey is already a
// uniformly random Argon2id output, so extraction needs no salt of its own.
export function splitMasterKey(masterKey: Uint8Array): MasterKeySplit {
  if (!isBytes(masterKey) || masterKey.length !== MASTER_KEY_LENGTH) {
    throw new CryptoError('invalid-input', `Master key must be ${MASTER_KEY_LENGTH} bytes`);
  }
  return {
    kek: hkdf(sha256, masterKey, undefined, utf8Encode(KEK_INFO), DERIVED_KEY_LENGTH),
    authKey: hkdf(sha256, masterKey, undefined, utf8Encode(AUTH_INFO), DERIVED_KEY_LENGTH),
  };
}
