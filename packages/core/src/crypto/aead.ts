import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { isBytes } from './bytes.ts';
import { CryptoError } from './errors.ts';

// AEAD_XChaCha20_Poly1305 (draft-irtf-cfrg-xchacha §2.3 over RFC 8439 §2.8) with its inputs
// checked and its one failure mapped to a typed error. The 24-byte nonce is large enough to be
// drawn at random for every message without counting, which is what an offline-first client with
// many devices needs.
export const KEY_LENGTH = 32;
export const NONCE_LENGTH = 24;
export const TAG_LENGTH = 16;

function checkInputs(key: Uint8Array, nonce: Uint8Array, data: Uint8Array, aad: Uint8Array): void {
  if (!isBytes(key) || key.length !== KEY_LENGTH)
    throw new CryptoError('invalid-input', `Key must be ${KEY_LENGTH} bytes`);
  if (!isBytes(nonce) || nonce.length !== NONCE_LENGTH) {
    throw new CryptoError('invalid-input', `Nonce must be ${NONCE_LENGTH} bytes`);
  }
  if (!isBytes(data) || !isBytes(aad)) throw new CryptoError('invalid-input', 'Data and AAD must be bytes');
}

// Returns ciphertext || tag (16 bytes).
export function aeadSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  checkInputs(key, nonce, plaintext, aad);
  return xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
}

// The tag is checked over AAD and ciphertext before any plaintext is produced; on failure the
// caller gets the one error and no bytes.
export function aeadOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
  checkInputs(key, nonce, sealed, aad);
  if (sealed.length < TAG_LENGTH) throw new CryptoError('does-not-authenticate', 'Does not authenticate');
  try {
    return xchacha20poly1305(key, nonce, aad).decrypt(sealed);
  } catch {
    throw new CryptoError('does-not-authenticate', 'Does not authenticate');
  }
}
