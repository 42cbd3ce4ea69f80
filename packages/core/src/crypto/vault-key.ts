import { KEY_LENGTH } from './aead.ts';
import { isBytes, utf8Encode, wipe } from './bytes.ts';
import { openEnvelope, sealEnvelope } from './envelope.ts';
import { CryptoError } from './errors.ts';
import { randomBytes } from './random.ts';

// The vault key encrypts every item. It is made once per vault and stored only wrapped under the
// kek, so changing the password re-wraps 32 bytes instead of re-encrypting every item.
export const VAULT_KEY_LENGTH = KEY_LENGTH;
export const VAULT_KEY_AAD = utf8Encode('tessera v1 vault-key');

export function createVaultKey(): Uint8Array {
  return randomBytes(VAULT_KEY_LENGTH);
}

export function wrapVaultKey(kek: Uint8Array, vaultKey: Uint8Array): Uint8Array {
  if (!isBytes(vaultKey) || vaultKey.length !== VAULT_KEY_LENGTH) {
    throw new CryptoError('invalid-input', `Vault key must be ${VAULT_KEY_LENGTH} bytes`);
  }
  return sealEnvelope(kek, vaultKey, VAULT_KEY_AAD);
}

// A wrong password gives a wrong kek, and a wrong kek is the only way a well-formed wrapped key
// fails to open, so the failure is reported as 'wrong-password'. A damaged wrapped key cannot
// be told apart from a wrong password, and reporting it as one is the safe reading.
export function unwrapVaultKey(kek: Uint8Array, wrapped: Uint8Array): Uint8Array {
  let vaultKey: Uint8Array;
  try {
    vaultKey = openEnvelope(kek, wrapped, VAULT_KEY_AAD);
  } catch (e) {
    if (e instanceof CryptoError && (e.code === 'does-not-authenticate' || e.code === 'malformed')) {
      throw new CryptoError('wrong-password', 'Wrong password');
    }
    throw e;
  }
  if (vaultKey.length !== VAULT_KEY_LENGTH) {
    wipe(vaultKey);
    throw new CryptoError('corrupt-vault-key', `Wrapped vault key is not ${VAULT_KEY_LENGTH} bytes`);
  }
  return vaultKey;
}

// Password change: the same vault key under a new kek. Items stay as they are.
export function rewrapVaultKey(oldKek: Uint8Array, newKek: Uint8Array, wrapped: Uint8Array): Uint8Array {
  const vaultKey = unwrapVaultKey(oldKek, wrapped);
  try {
    return wrapVaultKey(newKek, vaultKey);
  } finally {
    wipe(vaultKey);
  }
}
