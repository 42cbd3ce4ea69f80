import { gcm } from '@noble/ciphers/aes.js';
import { TransferError } from './errors.ts';
import type { ImportFormat } from './types.ts';

// Small wrappers over @noble primitives shared by the encrypted formats: authentication failures
// come back as null (each format decides whether that means a wrong password or a damaged file),
// and decrypted text that is not UTF-8 is a damaged file.

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** The password as UTF-8 bytes, exactly as typed: the foreign apps normalise nothing. */
export function passwordUtf8(password: string): Uint8Array {
  return utf8Encoder.encode(password);
}

/** AES-256-GCM open of `ciphertext || tag` (NIST SP 800-38D, 96-bit nonce, 128-bit tag); null when it does not authenticate. */
export function openGcm(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array | null {
  if (sealed.length < 16) return null;
  try {
    return gcm(key, nonce, aad).decrypt(sealed);
  } catch {
    return null;
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function decryptedText(bytes: Uint8Array, format: ImportFormat): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new TransferError('malformed', 'The decrypted contents are not text (not UTF-8)', format);
  }
}

/** AES-256-GCM seal: `ciphertext || tag` (for the exporters). */
export function sealGcm(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return gcm(key, nonce).encrypt(plaintext);
}
