import { cbc } from '@noble/ciphers/aes.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { argon2idHash } from '../crypto/argon2.ts';
import { wipe } from '../crypto/bytes.ts';
import { base32Decode } from '../otp/base32.ts';
import { OtpError } from '../otp/types.ts';
import { authenticatorLogin, describeEntry, EntryList, makeOtp } from './entry.ts';
import { TransferError } from './errors.ts';
import {
  checkSize,
  isObject,
  type JsonObject,
  member,
  parseJson,
  readText,
  requirePassword,
  text,
  whole,
} from './input.ts';
import { decryptedText, openGcm, passwordUtf8 } from './ciphers.ts';
import type { ImportInput, ImportOptions, ImportResult } from './types.ts';

/**
 * @module
 * Stratum (formerly Authenticator Pro) backups, as stratumauth/app writes them
 * (`Stratum.Core/src/Backup/Backup.cs`, `Entity/Authenticator.cs`, `Entity/Category.cs`,
 * `Entity/AuthenticatorCategory.cs`, `Backup/Encryption/*.cs`):
 * - plain: System.Text.Json of `{ Authenticators: [{ Type, Icon, Issuer, Username, Secret, Pin,
 *   Algorithm, Digits, Period, Counter, CopyCount, Ranking }], Categories: [{ Id, Name, Ranking }],
 *   AuthenticatorCategories: [{ CategoryId, AuthenticatorSecret, Ranking }], CustomIcons }`;
 *   Type 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex; Algorithm 0 SHA1, 1 SHA256, 2 SHA512;
 * - encrypted (StrongBackupEncryption): "AUTHENTICATORPRO" || salt (16) || iv (12) ||
 *   AES-256-GCM ciphertext || tag (16), key = Argon2id v1.3(UTF-8 password, salt, t = 3,
 *   m = 65,536 KiB, p = 4, 32 bytes), all fixed;
 * - encrypted by older versions (LegacyBackupEncryption): "AuthenticatorPro" || salt (20) ||
 *   iv (16) || AES-256-CBC ciphertext (PKCS#7), key = PBKDF2-HMAC-SHA1(UTF-8 password, salt,
 *   64,000, 32 bytes). It has no authentication tag: a wrong password shows as bad padding or
 *   text that is not the backup.
 * The two headers differ in case only, so exactly one key is derived per file.
 */

const FORMAT = 'stratum';
const encoder = new TextEncoder();
export const STRATUM_STRONG_HEADER = encoder.encode('AUTHENTICATORPRO');
export const STRATUM_LEGACY_HEADER = encoder.encode('AuthenticatorPro');
export const STRATUM_ARGON2 = Object.freeze({ memoryKiB: 65_536, iterations: 3, parallelism: 4 });
export const STRATUM_LEGACY_PBKDF2_ITERATIONS = 64_000;
const KEY_LENGTH = 32;
const TYPES: Readonly<Record<number, string>> = { 1: 'hotp', 2: 'totp', 3: 'mOTP', 4: 'steam', 5: 'Yandex' };
const ALGORITHMS: Readonly<Record<number, string>> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };

export function startsWith(bytes: Uint8Array, header: Uint8Array): boolean {
  return bytes.length >= header.length && header.every((byte, i) => bytes[i] === byte);
}

export async function importStratum(input: ImportInput, opts: ImportOptions = {}): Promise<ImportResult> {
  const bytes = typeof input === 'string' ? null : input;
  if (bytes !== null && (startsWith(bytes, STRATUM_STRONG_HEADER) || startsWith(bytes, STRATUM_LEGACY_HEADER))) {
    checkSize(bytes, FORMAT);
    return readBackup(await decrypt(bytes, opts.password));
  }
  const file = parseJson(readText(input, FORMAT), FORMAT);
  if (!isObject(file) || !Array.isArray(member(file, 'Authenticators'))) {
    throw new TransferError(
      'not-stratum',
      'The file is not a Stratum or Authenticator Pro backup (no Authenticators)',
      FORMAT,
    );
  }
  return readBackup(file);
}

async function decrypt(bytes: Uint8Array, passwordOption: string | undefined): Promise<JsonObject> {
  const strong = startsWith(bytes, STRATUM_STRONG_HEADER);
  const saltLength = strong ? 16 : 20;
  const ivLength = strong ? 12 : 16;
  const header = STRATUM_STRONG_HEADER.length + saltLength + ivLength;
  if (bytes.length < header + 16) throw new TransferError('malformed', 'The encrypted backup is cut short', FORMAT);
  const salt = bytes.subarray(STRATUM_STRONG_HEADER.length, STRATUM_STRONG_HEADER.length + saltLength);
  const iv = bytes.subarray(STRATUM_STRONG_HEADER.length + saltLength, header);
  const body = bytes.subarray(header);
  const password = requirePassword(passwordOption, FORMAT, 'This Stratum backup');
  const secret = passwordUtf8(password);
  let key: Uint8Array;
  try {
    key = strong
      ? await argon2idHash(secret, salt, STRATUM_ARGON2, KEY_LENGTH)
      : await pbkdf2Async(sha1, secret, salt, { c: STRATUM_LEGACY_PBKDF2_ITERATIONS, dkLen: KEY_LENGTH });
  } catch (e) {
    throw new TransferError(
      'kdf-failed',
      `The key could not be derived on this device: ${e instanceof Error ? e.message : String(e)}`,
      FORMAT,
    );
  } finally {
    wipe(secret);
  }
  const plaintext = strong ? openGcm(key, iv, body) : openCbc(key, iv, body);
  wipe(key);
  const wrong = new TransferError(
    'wrong-password',
    `Wrong password for this Stratum backup${strong ? '' : ' (or the file is damaged)'}`,
    FORMAT,
  );
  if (plaintext === null) throw wrong;
  let json: unknown;
  try {
    json = JSON.parse(decryptedText(plaintext, FORMAT));
  } catch {
    // The legacy layout has no tag: a wrong key can pass the padding check by chance.
    throw strong ? new TransferError('malformed', 'The decrypted backup is not JSON', FORMAT) : wrong;
  } finally {
    wipe(plaintext);
  }
  if (!isObject(json) || !Array.isArray(member(json, 'Authenticators')))
    throw strong ? new TransferError('malformed', 'The decrypted backup is not a Stratum backup', FORMAT) : wrong;
  return json;
}

function openCbc(key: Uint8Array, iv: Uint8Array, body: Uint8Array): Uint8Array | null {
  if (body.length % 16 !== 0) return null;
  try {
    return cbc(key, iv).decrypt(body);
  } catch {
    return null;
  }
}

// `file.Authenticators` is an array: both callers check it.
function readBackup(file: JsonObject): ImportResult {
  const authenticators = member(file, 'Authenticators') as unknown[];
  const categories = new Map<string, string>();
  const categoryList = member(file, 'Categories');
  if (Array.isArray(categoryList))
    for (const c of categoryList) if (isObject(c)) categories.set(text(c, 'Id'), text(c, 'Name'));
  // Categories are bound to an authenticator by its secret, Stratum's primary key.
  const tagsBySecret = new Map<string, string[]>();
  const bindings = member(file, 'AuthenticatorCategories');
  if (Array.isArray(bindings)) {
    for (const b of bindings) {
      if (!isObject(b)) continue;
      const name = categories.get(text(b, 'CategoryId'));
      if (name === undefined) continue;
      const secret = text(b, 'AuthenticatorSecret');
      tagsBySecret.set(secret, [...(tagsBySecret.get(secret) ?? []), name]);
    }
  }
  const list = new EntryList(FORMAT, authenticators.length);
  authenticators.forEach((entry, index) => {
    if (!isObject(entry)) {
      list.fail(index, '', 'malformed-entry', 'The authenticator is not an object');
      return;
    }
    const issuer = text(entry, 'Issuer');
    const account = text(entry, 'Username');
    list.add(index, describeEntry(issuer, account), () => {
      const typeValue = whole(entry, 'Type');
      const type = typeValue === undefined ? 'totp' : (TYPES[typeValue] ?? `type ${typeValue}`);
      // mOTP and Yandex secrets are not base32: say what the entry is before reading its secret.
      if (!['totp', 'hotp', 'steam'].includes(type))
        throw new OtpError('unknown-type', `${type} codes cannot be used in Tessera (only TOTP, HOTP and Steam)`);
      const algorithmValue = whole(entry, 'Algorithm');
      const secret = text(entry, 'Secret');
      const otp = makeOtp({
        type,
        secret: base32Decode(secret),
        algorithm:
          algorithmValue === undefined ? undefined : (ALGORITHMS[algorithmValue] ?? `algorithm ${algorithmValue}`),
        digits: whole(entry, 'Digits'),
        period: whole(entry, 'Period'),
        counter: whole(entry, 'Counter'),
        issuer,
        account,
      });
      const login = authenticatorLogin({ tags: tagsBySecret.get(secret) ?? [] });
      return login === undefined ? { otp } : { otp, login };
    });
  });
  return list.result();
}
