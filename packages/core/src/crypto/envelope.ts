import { aeadOpen, aeadSeal, NONCE_LENGTH, TAG_LENGTH } from './aead.ts';
import { concatBytes, isBytes } from './bytes.ts';
import { CryptoError } from './errors.ts';
import { randomBytes } from './random.ts';

// Envelope v1, every byte (docs/vault-format.md, "Envelope"):
//   version (1 byte, 0x01) || nonce (24) || ciphertext (= plaintext length) || tag (16)
// The AEAD's associated data is version || aad, so the version byte is authenticated: an
// attacker cannot relabel a v1 envelope as another version that some later client would parse
// differently.
export const ENVELOPE_VERSION = 0x01;
export const ENVELOPE_HEADER_LENGTH = 1 + NONCE_LENGTH;
export const ENVELOPE_OVERHEAD = ENVELOPE_HEADER_LENGTH + TAG_LENGTH;

function boundAad(version: number, aad: Uint8Array): Uint8Array {
  if (!isBytes(aad)) throw new CryptoError('invalid-input', 'AAD must be bytes');
  return concatBytes(Uint8Array.of(version), aad);
}

export function sealEnvelope(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  return sealEnvelopeWithNonce(key, randomBytes(NONCE_LENGTH), plaintext, aad);
}

// For known-answer tests and the worked examples only: a nonce must never be used twice with
// one key, which sealEnvelope guarantees by drawing it at random.
export function sealEnvelopeWithNonce(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const sealed = aeadSeal(key, nonce, plaintext, boundAad(ENVELOPE_VERSION, aad));
  return concatBytes(Uint8Array.of(ENVELOPE_VERSION), nonce, sealed);
}

export function openEnvelope(key: Uint8Array, envelope: Uint8Array, aad: Uint8Array): Uint8Array {
  if (!isBytes(envelope) || envelope.length === 0) throw new CryptoError('malformed', 'Envelope is empty');
  const version = envelope[0] as number;
  if (version !== ENVELOPE_VERSION) {
    throw new CryptoError('unsupported-version', `Envelope version ${version} is not supported by this client`);
  }
  if (envelope.length < ENVELOPE_OVERHEAD) throw new CryptoError('does-not-authenticate', 'Does not authenticate');
  const nonce = envelope.subarray(1, ENVELOPE_HEADER_LENGTH);
  const sealed = envelope.subarray(ENVELOPE_HEADER_LENGTH);
  return aeadOpen(key, nonce, sealed, boundAad(version, aad));
}
