/**
 * @module
 * The recovery key (docs/vault-format.md, "Recovery key"): 128 random bits, written for people
 * as 28 Crockford base32 characters in seven groups of four, that wraps the vault key in a slot
 * of its own beside the password's. It opens the vault when the master password is forgotten.
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { isBytes, utf8Encode, wipe } from './bytes.ts';
import { openEnvelope, sealEnvelope } from './envelope.ts';
import { CryptoError } from './errors.ts';
import { randomBytes } from './random.ts';
import { VAULT_KEY_LENGTH } from './vault-key.ts';

export const RECOVERY_KEY_LENGTH = 16;
// Labels name the version and the purpose, apart from every password-derived label, so no key
// or envelope made from a recovery key can stand in for one made from a password.
export const RECOVERY_KEK_INFO = 'tessera v1 recovery kek';
export const RECOVERY_AUTH_INFO = 'tessera v1 recovery auth';
export const RECOVERY_CHECK_LABEL = 'tessera v1 recovery check';
export const RECOVERY_SLOT_AAD = utf8Encode('tessera v1 vault-key recovery');

// Crockford base32: digits and capitals without I, L, O and U, so nothing reads as two things;
// decoding folds case and reads O as 0 and I or L as 1.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_BITS = 12;
const KEY_BITS = RECOVERY_KEY_LENGTH * 8;
const CHARACTERS = (KEY_BITS + CHECK_BITS) / 5; // 28
const GROUP = 4;

export function createRecoveryKey(): Uint8Array {
  return randomBytes(RECOVERY_KEY_LENGTH);
}

function checkRecoveryKey(key: Uint8Array): void {
  if (!isBytes(key) || key.length !== RECOVERY_KEY_LENGTH) {
    throw new CryptoError('invalid-input', `Recovery key must be ${RECOVERY_KEY_LENGTH} bytes`);
  }
}

/** The first 12 bits of SHA-256(label || key): catches a mistyped character 4,095 times in 4,096. */
function checkValue(key: Uint8Array): number {
  const digest = sha256(new Uint8Array([...utf8Encode(RECOVERY_CHECK_LABEL), ...key]));
  return ((digest[0] as number) << 4) | ((digest[1] as number) >> 4);
}

/** `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`: the 128 key bits, then the 12 check bits, 5 bits a character. */
export function formatRecoveryKey(key: Uint8Array): string {
  checkRecoveryKey(key);
  const bits: number[] = [];
  for (const byte of key) for (let bit = 7; bit >= 0; bit--) bits.push((byte >> bit) & 1);
  const check = checkValue(key);
  for (let bit = CHECK_BITS - 1; bit >= 0; bit--) bits.push((check >> bit) & 1);
  let text = '';
  for (let at = 0; at < bits.length; at += 5) {
    if (at > 0 && (at / 5) % GROUP === 0) text += '-';
    text += ALPHABET[bits.slice(at, at + 5).reduce((value, bit) => (value << 1) | bit, 0)];
  }
  return text;
}

/**
 * Reads a recovery key as a person typed it: any case, with or without hyphens and spaces,
 * O for 0 and I or L for 1. Throws 'invalid-recovery-key' with words that say what is wrong.
 */
export function parseRecoveryKey(text: string): Uint8Array {
  const compact = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== CHARACTERS) {
    throw new CryptoError(
      'invalid-recovery-key',
      `A recovery key has ${CHARACTERS} characters; this has ${compact.length}.`,
    );
  }
  const bits: number[] = [];
  for (const char of compact) {
    const value = ALPHABET.indexOf(char);
    if (value < 0)
      throw new CryptoError(
        'invalid-recovery-key',
        `"${char}" is not used in recovery keys (only 0-9 and A-Z without I, L, O, U).`,
      );
    for (let bit = 4; bit >= 0; bit--) bits.push((value >> bit) & 1);
  }
  const key = new Uint8Array(RECOVERY_KEY_LENGTH);
  for (let i = 0; i < KEY_BITS; i++) key[i >> 3] = ((key[i >> 3] as number) << 1) | (bits[i] as number);
  const check = bits.slice(KEY_BITS).reduce((value, bit) => (value << 1) | bit, 0);
  if (check !== checkValue(key)) {
    wipe(key);
    throw new CryptoError(
      'invalid-recovery-key',
      'This recovery key has a mistyped character: compare it with your emergency sheet.',
    );
  }
  return key;
}

// RFC 5869 §2.2, no salt, as for the password's keys: the recovery key is 128 uniformly random
// bits, so it needs no stretching (no Argon2id) and no salt of its own.
export function recoveryKek(key: Uint8Array): Uint8Array {
  checkRecoveryKey(key);
  return hkdf(sha256, key, undefined, utf8Encode(RECOVERY_KEK_INFO), 32);
}

/** What proves the recovery key to the server, which keeps only SHA-256 of it. */
export function recoveryAuthKey(key: Uint8Array): Uint8Array {
  checkRecoveryKey(key);
  return hkdf(sha256, key, undefined, utf8Encode(RECOVERY_AUTH_INFO), 32);
}

/**
 * What the server keeps to check a recovery proof, and what a device hands it with a new key:
 * SHA-256(recoveryAuthKey), 32 bytes (docs/api.md, "Recovery key").
 */
export function recoveryVerifier(authKey: Uint8Array): Uint8Array {
  if (!isBytes(authKey) || authKey.length !== 32)
    throw new CryptoError('invalid-input', 'Recovery auth key must be 32 bytes');
  return sha256(authKey);
}

/** The recovery slot: the vault key sealed under the recovery kek (73 bytes). */
export function wrapVaultKeyForRecovery(key: Uint8Array, vaultKey: Uint8Array): Uint8Array {
  if (!isBytes(vaultKey) || vaultKey.length !== VAULT_KEY_LENGTH) {
    throw new CryptoError('invalid-input', `Vault key must be ${VAULT_KEY_LENGTH} bytes`);
  }
  const kek = recoveryKek(key);
  try {
    return sealEnvelope(kek, vaultKey, RECOVERY_SLOT_AAD);
  } finally {
    wipe(kek);
  }
}

/** Opens the recovery slot; a key that does not open it is 'wrong-recovery-key'. */
export function unwrapVaultKeyWithRecovery(key: Uint8Array, slot: Uint8Array): Uint8Array {
  const kek = recoveryKek(key);
  let vaultKey: Uint8Array;
  try {
    vaultKey = openEnvelope(kek, slot, RECOVERY_SLOT_AAD);
  } catch (e) {
    if (e instanceof CryptoError && (e.code === 'does-not-authenticate' || e.code === 'malformed')) {
      throw new CryptoError('wrong-recovery-key', 'This recovery key does not open this vault.');
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
