import { cbc } from '@noble/ciphers/aes.js';
import { expand } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { argon2idHash } from '../crypto/argon2.ts';
import { equalBytes, wipe } from '../crypto/bytes.ts';
import { TransferError } from './errors.ts';
import { checkKdfParam, decodeBase64, describeValue, type JsonObject, member, text } from './input.ts';
import { concat, decryptedText, passwordUtf8 } from './ciphers.ts';

// Bitwarden's "password protected" JSON export (bitwarden/clients, BaseVaultExportService
// buildPasswordExport and KeyGenerationService):
//   key  = PBKDF2-SHA256(password, salt, kdfIterations)                      (kdfType 0)
//        | Argon2id(password, SHA-256(salt), kdfIterations, kdfMemory MiB, kdfParallelism) (kdfType 1)
//   where salt is the file's `salt` string itself, as UTF-8 (it happens to be base64 of 16 bytes);
//   encKey = HKDF-Expand-SHA256(key, "enc", 32), macKey = HKDF-Expand-SHA256(key, "mac", 32);
//   encKeyValidation_DO_NOT_EDIT and data are EncStrings of type 2:
//   "2." base64(iv) "|" base64(ciphertext) "|" base64(mac), AES-256-CBC with PKCS#7 padding and
//   mac = HMAC-SHA256(macKey, iv || ciphertext) (encrypt-then-MAC).

const FORMAT = 'bitwarden';
const PBKDF2 = 0;
const ARGON2ID = 1;
const AES_CBC_HMAC_SHA256 = '2';
const KEY_LENGTH = 32;
const IV_LENGTH = 16;
const MAC_LENGTH = 32;
const MAX_SALT_CHARS = 1024;

// Bitwarden's own bounds for the KDF settings an account may choose (PBKDF2KdfConfig and
// Argon2KdfConfig ranges; 5,000 was the PBKDF2 minimum of older accounts). Any export Bitwarden
// writes falls inside them; at the ceilings a derivation takes seconds, not minutes.
export const BITWARDEN_KDF_LIMITS = Object.freeze({
  minPbkdf2Iterations: 5_000,
  maxPbkdf2Iterations: 2_000_000,
  minArgon2Iterations: 2,
  maxArgon2Iterations: 10,
  minArgon2MemoryMiB: 16,
  maxArgon2MemoryMiB: 1024,
  minArgon2Parallelism: 1,
  maxArgon2Parallelism: 16,
});

export interface EncString {
  iv: Uint8Array;
  ciphertext: Uint8Array;
  mac: Uint8Array;
}

export type Kdf =
  | { type: typeof PBKDF2; iterations: number }
  | { type: typeof ARGON2ID; iterations: number; memoryMiB: number; parallelism: number };

/** A password-protected export, read and checked, ready to be opened. */
export interface PasswordExport {
  kdf: Kdf;
  salt: string;
  validation: EncString | null;
  data: EncString;
}

/** Reads the envelope of a password-protected export; the KDF settings are checked here, before any password is asked for. */
export function readPasswordExport(file: JsonObject): PasswordExport {
  const kdf = readKdf(file);
  const salt = text(file, 'salt');
  if (salt === '' || salt.length > MAX_SALT_CHARS)
    throw new TransferError('malformed', 'The export has no usable salt', FORMAT);
  const validationText = member(file, 'encKeyValidation_DO_NOT_EDIT');
  const validation =
    typeof validationText === 'string' && validationText !== ''
      ? parseEncString(validationText, 'encKeyValidation_DO_NOT_EDIT')
      : null;
  return { kdf, salt, validation, data: parseEncString(member(file, 'data'), 'data') };
}

/** Decrypts a password-protected export to the text of the plain JSON export inside it. */
export async function openPasswordExport(
  { kdf, salt, validation, data }: PasswordExport,
  password: string,
): Promise<string> {
  const key = await deriveKey(password, salt, kdf);
  const encKey = expand(sha256, key, passwordUtf8('enc'), KEY_LENGTH);
  const macKey = expand(sha256, key, passwordUtf8('mac'), KEY_LENGTH);
  wipe(key);
  try {
    // The validation string exists so that a wrong password is told apart from damaged data.
    if (validation !== null && openEncString(encKey, macKey, validation) === null) {
      throw new TransferError('wrong-password', 'Wrong password for this Bitwarden export', FORMAT);
    }
    const plaintext = openEncString(encKey, macKey, data);
    if (plaintext === null) {
      if (validation !== null)
        throw new TransferError(
          'malformed',
          'The export data is damaged: it does not decrypt with the right password',
          FORMAT,
        );
      throw new TransferError('wrong-password', 'Wrong password for this Bitwarden export', FORMAT);
    }
    const json = decryptedText(plaintext, FORMAT);
    wipe(plaintext);
    return json;
  } finally {
    wipe(encKey, macKey);
  }
}

function readKdf(file: JsonObject): Kdf {
  const type = member(file, 'kdfType') ?? PBKDF2;
  const L = BITWARDEN_KDF_LIMITS;
  if (type === PBKDF2) {
    return {
      type,
      iterations: checkKdfParam(
        member(file, 'kdfIterations'),
        L.minPbkdf2Iterations,
        L.maxPbkdf2Iterations,
        'PBKDF2 iterations',
        FORMAT,
      ),
    };
  }
  if (type === ARGON2ID) {
    return {
      type,
      iterations: checkKdfParam(
        member(file, 'kdfIterations'),
        L.minArgon2Iterations,
        L.maxArgon2Iterations,
        'Argon2id iterations',
        FORMAT,
      ),
      memoryMiB: checkKdfParam(
        member(file, 'kdfMemory'),
        L.minArgon2MemoryMiB,
        L.maxArgon2MemoryMiB,
        'Argon2id memory (MiB)',
        FORMAT,
      ),
      parallelism: checkKdfParam(
        member(file, 'kdfParallelism'),
        L.minArgon2Parallelism,
        L.maxArgon2Parallelism,
        'Argon2id parallelism',
        FORMAT,
      ),
    };
  }
  throw new TransferError(
    'kdf-params',
    `Bitwarden KDF type ${describeValue(type)} is not known (only 0, PBKDF2, and 1, Argon2id)`,
    FORMAT,
  );
}

async function deriveKey(password: string, salt: string, kdf: Kdf): Promise<Uint8Array> {
  const secret = passwordUtf8(password);
  const saltBytes = passwordUtf8(salt);
  try {
    if (kdf.type === PBKDF2)
      return await pbkdf2Async(sha256, secret, saltBytes, { c: kdf.iterations, dkLen: KEY_LENGTH });
    const cost = { memoryKiB: kdf.memoryMiB * 1024, iterations: kdf.iterations, parallelism: kdf.parallelism };
    try {
      return await argon2idHash(secret, sha256(saltBytes), cost, KEY_LENGTH);
    } catch (e) {
      throw new TransferError(
        'kdf-failed',
        `Argon2id could not run on this device: ${e instanceof Error ? e.message : String(e)}`,
        FORMAT,
      );
    }
  } finally {
    wipe(secret);
  }
}

function parseEncString(value: unknown, what: string): EncString {
  if (typeof value !== 'string') throw new TransferError('malformed', `The export's ${what} is missing`, FORMAT);
  const dot = value.indexOf('.');
  const type = dot < 0 ? '' : value.slice(0, dot);
  if (type !== AES_CBC_HMAC_SHA256) {
    throw new TransferError(
      'unsupported-encryption',
      `The export's ${what} uses Bitwarden encryption type ${JSON.stringify(type.slice(0, 8))}, not 2 (AES-CBC with HMAC)`,
      FORMAT,
    );
  }
  const parts = value.slice(dot + 1).split('|');
  if (parts.length !== 3) throw new TransferError('malformed', `The export's ${what} is not iv|data|mac`, FORMAT);
  const iv = decodeBase64(parts[0], `The ${what} IV`, FORMAT);
  const ciphertext = decodeBase64(parts[1], `The ${what} ciphertext`, FORMAT);
  const mac = decodeBase64(parts[2], `The ${what} MAC`, FORMAT);
  if (iv.length !== IV_LENGTH || mac.length !== MAC_LENGTH || ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    throw new TransferError('malformed', `The export's ${what} has the wrong sizes for AES-CBC with HMAC`, FORMAT);
  }
  return { iv, ciphertext, mac };
}

// Encrypt-then-MAC: the MAC is checked, in constant time, before any byte is decrypted.
function openEncString(encKey: Uint8Array, macKey: Uint8Array, enc: EncString): Uint8Array | null {
  const expected = hmac(sha256, macKey, concat(enc.iv, enc.ciphertext));
  if (!equalBytes(expected, enc.mac)) return null;
  try {
    return cbc(encKey, enc.iv).decrypt(enc.ciphertext);
  } catch {
    // An authenticated ciphertext with bad padding: written by a faulty encryptor.
    return null;
  }
}
