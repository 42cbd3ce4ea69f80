import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, equalBytes, isBytes, utf8Encode } from './bytes.ts';
import { CryptoError } from './errors.ts';

// The per-item deletion secret (docs/vault-format.md, "Deletion proof"): the proof that whoever
// asks the server to remove an item for good holds the vault key. The server keeps only its
// SHA-256 (sent with every push of the item) and compares a purge request's secret against it;
// a stolen session token, which never sees the vault key, cannot make one.
//
// secret = HKDF-SHA256(ikm = vaultKey, salt = none, info = "tessera v1 deletion " || itemId, 32)
//
// The vault key is 32 uniformly random bytes, so (as for the master key split) extraction needs
// no salt. The item id in `info` makes each item's secret its own: revealing one (a purge puts it
// in the changes feed, so other devices can check it) reveals nothing about any other item.
export const DELETION_INFO = 'tessera v1 deletion ';
export const DELETION_SECRET_LENGTH = 32;
const VAULT_KEY_LENGTH = 32;
const MAX_ID_BYTES = 255;

function idBytes(itemId: string): Uint8Array {
  const bytes = typeof itemId === 'string' ? utf8Encode(itemId) : new Uint8Array(0);
  if (bytes.length === 0 || bytes.length > MAX_ID_BYTES)
    throw new CryptoError('invalid-input', `itemId must be 1 to ${MAX_ID_BYTES} bytes of UTF-8`);
  return bytes;
}

export function deletionSecret(vaultKey: Uint8Array, itemId: string): Uint8Array {
  if (!isBytes(vaultKey) || vaultKey.length !== VAULT_KEY_LENGTH)
    throw new CryptoError('invalid-input', `Vault key must be ${VAULT_KEY_LENGTH} bytes`);
  const info = concatBytes(utf8Encode(DELETION_INFO), idBytes(itemId));
  return hkdf(sha256, vaultKey, undefined, info, DELETION_SECRET_LENGTH);
}

/** What the server keeps with the item: SHA-256 of the secret. */
export function deletionHash(secret: Uint8Array): Uint8Array {
  if (!isBytes(secret) || secret.length !== DELETION_SECRET_LENGTH)
    throw new CryptoError('invalid-input', `A deletion secret is ${DELETION_SECRET_LENGTH} bytes`);
  return sha256(secret);
}

/**
 * Whether `proof` (from a purge in the changes feed) is this item's secret under this vault key:
 * a device removes its copy only then. Constant-time; a proof of the wrong length is false.
 */
export function verifyDeletionProof(vaultKey: Uint8Array, itemId: string, proof: Uint8Array): boolean {
  const expected = deletionSecret(vaultKey, itemId);
  try {
    return isBytes(proof) && equalBytes(expected, proof);
  } finally {
    expected.fill(0);
  }
}
