/**
 * @module
 * The passkey slot (docs/vault-format.md, "Passkey slot"): the vault key wrapped under a key
 * derived from the output of a passkey's WebAuthn PRF extension, a third slot beside the
 * password's and the recovery key's. The authenticator computes the PRF (an HMAC inside it,
 * released only after the user's biometrics or PIN); this module only derives from its output.
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { isBytes, utf8Encode, wipe } from './bytes.ts';
import { openEnvelope, sealEnvelope } from './envelope.ts';
import { CryptoError } from './errors.ts';
import { randomBytes } from './random.ts';
import { VAULT_KEY_LENGTH } from './vault-key.ts';

/** What the WebAuthn PRF extension returns: 32 bytes (HMAC-SHA-256 in CTAP2's hmac-secret). */
export const PRF_OUTPUT_LENGTH = 32;
/** The slot's salt: the PRF input the authenticator is asked for, and HKDF's salt. */
export const PASSKEY_SALT_LENGTH = 32;
// Labels name the version and the purpose, apart from the password's and the recovery key's, so
// a key or a slot made for a passkey can stand in for no other.
export const PASSKEY_KEK_INFO = 'tessera v1 passkey kek';
export const PASSKEY_SLOT_AAD = utf8Encode('tessera v1 vault-key passkey');

export function createPasskeySalt(): Uint8Array {
  return randomBytes(PASSKEY_SALT_LENGTH);
}

/**
 * HKDF-SHA256(ikm = PRF output, salt = the slot's salt, info = "tessera v1 passkey kek"). The PRF
 * output is already a uniformly random HMAC result, so it needs no stretching; the salt ties the
 * kek to this one slot, so registering again (a new salt) gives an unrelated kek even from the
 * same credential.
 */
export function passkeyKek(prfOutput: Uint8Array, salt: Uint8Array): Uint8Array {
  if (!isBytes(prfOutput) || prfOutput.length !== PRF_OUTPUT_LENGTH) {
    throw new CryptoError('invalid-input', `PRF output must be ${PRF_OUTPUT_LENGTH} bytes`);
  }
  if (!isBytes(salt) || salt.length !== PASSKEY_SALT_LENGTH) {
    throw new CryptoError('invalid-input', `Passkey salt must be ${PASSKEY_SALT_LENGTH} bytes`);
  }
  return hkdf(sha256, prfOutput, salt, utf8Encode(PASSKEY_KEK_INFO), 32);
}

/** The passkey slot: the vault key sealed under the passkey kek (73 bytes). */
export function wrapVaultKeyForPasskey(prfOutput: Uint8Array, salt: Uint8Array, vaultKey: Uint8Array): Uint8Array {
  if (!isBytes(vaultKey) || vaultKey.length !== VAULT_KEY_LENGTH) {
    throw new CryptoError('invalid-input', `Vault key must be ${VAULT_KEY_LENGTH} bytes`);
  }
  const kek = passkeyKek(prfOutput, salt);
  try {
    return sealEnvelope(kek, vaultKey, PASSKEY_SLOT_AAD);
  } finally {
    wipe(kek);
  }
}

/** Opens the passkey slot; a PRF output that does not open it is 'wrong-passkey'. */
export function unwrapVaultKeyWithPasskey(prfOutput: Uint8Array, salt: Uint8Array, slot: Uint8Array): Uint8Array {
  const kek = passkeyKek(prfOutput, salt);
  let vaultKey: Uint8Array;
  try {
    vaultKey = openEnvelope(kek, slot, PASSKEY_SLOT_AAD);
  } catch (e) {
    if (e instanceof CryptoError && (e.code === 'does-not-authenticate' || e.code === 'malformed')) {
      throw new CryptoError('wrong-passkey', 'This passkey does not open this vault.');
    }
    throw e;
  } finally {
    wipe(kek);
  }
  if (vaultKey.length !== VAULT_KEY_LENGTH) {
    wipe(vaultKey);
    throw new CryptoError('corrupt-vault-key', `Wrapped vault key is not ${VAULT_KEY_LENGTH} bytes`);
  }
  return vaultKey;
}
