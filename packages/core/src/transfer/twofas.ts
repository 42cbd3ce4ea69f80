import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { wipe } from '../crypto/bytes.ts';
import { base32Decode } from '../otp/base32.ts';
import { authenticatorLogin, describeEntry, EntryList, makeOtp } from './entry.ts';
import { TransferError } from './errors.ts';
import {
  decodeBase64,
  isObject,
  member,
  parseJson,
  readText,
  requirePassword,
  text,
  whole,
  type JsonObject,
} from './input.ts';
import { decryptedText, openGcm, passwordUtf8 } from './ciphers.ts';
import type { ImportInput, ImportOptions, ImportResult } from './types.ts';

// 2FAS Authenticator's .2fas backup (twofas/2fas-android, data/services BackupContent.kt and
// core/cipher): { schemaVersion, services, groups, ... } in plain text, or with the services
// encrypted as servicesEncrypted = base64(ciphertext || tag) ":" base64(salt) ":" base64(iv),
// AES-256-GCM under PBKDF2-HMAC-SHA256(password, salt, 10,000 iterations, 256 bits). The
// `reference` field is a fixed text encrypted the same way, which 2FAS uses to check a password.

const FORMAT = '2fas';
// Schema versions 2FAS has written (Android and iOS); a later one may change the fields.
const MAX_SCHEMA = 4;
// Fixed in 2FAS's BackupKeyGeneratorPbkdf: nothing in the file chooses the cost.
const PBKDF2_ITERATIONS = 10_000;
const KEY_LENGTH = 32;
const IV_LENGTH = 12;
// 2FAS draws 256-byte salts; the bounds only refuse nonsense.
const MIN_SALT_BYTES = 16;
const MAX_SALT_BYTES = 1024;
// BackupContent.Reference in twofas/2fas-android.
const REFERENCE =
  'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd';

interface Sealed {
  ciphertext: Uint8Array;
  salt: Uint8Array;
  iv: Uint8Array;
}

export async function importTwoFas(input: ImportInput, opts: ImportOptions = {}): Promise<ImportResult> {
  const file = parseJson(readText(input, FORMAT), FORMAT);
  const encrypted = isObject(file) ? member(file, 'servicesEncrypted') : undefined;
  const hasServices = isObject(file) && (Array.isArray(member(file, 'services')) || typeof encrypted === 'string');
  if (!isObject(file) || typeof member(file, 'schemaVersion') !== 'number' || !hasServices) {
    throw new TransferError('not-2fas', 'The file is not a 2FAS backup (no schemaVersion and services)', FORMAT);
  }
  const schema = member(file, 'schemaVersion') as number;
  if (schema > MAX_SCHEMA)
    throw new TransferError(
      'unsupported-version',
      `2FAS backup schema ${schema} is newer than this client reads (up to ${MAX_SCHEMA})`,
      FORMAT,
    );
  const services =
    typeof encrypted === 'string' && encrypted !== ''
      ? await decryptServices(file, encrypted, opts)
      : member(file, 'services');
  if (!Array.isArray(services)) throw new TransferError('malformed', 'The backup has no list of services', FORMAT);
  return readServices(services, groupNames(member(file, 'groups')));
}

async function decryptServices(file: JsonObject, encrypted: string, opts: ImportOptions): Promise<unknown> {
  const services = readSealed(encrypted, 'servicesEncrypted');
  const reference =
    typeof member(file, 'reference') === 'string' ? readSealed(member(file, 'reference') as string, 'reference') : null;
  const password = requirePassword(opts.password, FORMAT, 'This 2FAS backup');
  const secret = passwordUtf8(password);
  const key = await pbkdf2Async(sha256, secret, services.salt, { c: PBKDF2_ITERATIONS, dkLen: KEY_LENGTH });
  wipe(secret);
  try {
    // The reference shares the salt in every 2FAS backup; one with its own salt is not checked.
    const checked =
      reference !== null && equalSalt(reference.salt, services.salt)
        ? openGcm(key, reference.iv, reference.ciphertext)
        : undefined;
    if (checked === null) throw new TransferError('wrong-password', 'Wrong password for this 2FAS backup', FORMAT);
    if (checked !== undefined && decryptedText(checked, FORMAT) !== REFERENCE) {
      throw new TransferError(
        'malformed',
        "The backup password check opened but does not hold 2FAS's reference text",
        FORMAT,
      );
    }
    const plaintext = openGcm(key, services.iv, services.ciphertext);
    if (plaintext === null) {
      if (checked !== undefined)
        throw new TransferError(
          'malformed',
          'The encrypted services are damaged: they do not decrypt with the right password',
          FORMAT,
        );
      throw new TransferError('wrong-password', 'Wrong password for this 2FAS backup', FORMAT);
    }
    const json = parseJson(decryptedText(plaintext, FORMAT), FORMAT);
    wipe(plaintext);
    return json;
  } finally {
    wipe(key);
  }
}

function readSealed(value: string, what: string): Sealed {
  const parts = value.split(':');
  if (parts.length !== 3)
    throw new TransferError('malformed', `${what} must be three base64 parts separated by ':'`, FORMAT);
  const ciphertext = decodeBase64(parts[0], `The ${what} ciphertext`, FORMAT);
  const salt = decodeBase64(parts[1], `The ${what} salt`, FORMAT);
  const iv = decodeBase64(parts[2], `The ${what} IV`, FORMAT);
  if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES) {
    throw new TransferError(
      'kdf-params',
      `The ${what} salt must be ${MIN_SALT_BYTES} to ${MAX_SALT_BYTES} bytes, not ${salt.length}`,
      FORMAT,
    );
  }
  if (iv.length !== IV_LENGTH)
    throw new TransferError('malformed', `The ${what} IV must be ${IV_LENGTH} bytes, not ${iv.length}`, FORMAT);
  return { ciphertext, salt, iv };
}

function equalSalt(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function groupNames(groups: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (Array.isArray(groups))
    for (const group of groups) if (isObject(group)) names.set(text(group, 'id'), text(group, 'name'));
  return names;
}

function readServices(services: readonly unknown[], groups: ReadonlyMap<string, string>): ImportResult {
  const list = new EntryList(FORMAT, services.length);
  services.forEach((service, index) => {
    if (!isObject(service)) {
      list.fail(index, '', 'malformed-entry', 'The service is not an object');
      return;
    }
    const otpValue = member(service, 'otp');
    const otp = isObject(otpValue) ? otpValue : {};
    // The service name is what 2FAS shows as the issuer; otp.issuer is what the QR code said.
    const issuer = text(service, 'name') || text(otp, 'issuer');
    const account = text(otp, 'account') || text(otp, 'label');
    list.add(index, describeEntry(issuer, account), () => {
      const group = groups.get(text(service, 'groupId'));
      return {
        otp: makeOtp({
          type: text(otp, 'tokenType') || 'TOTP',
          secret: () => base32Decode(text(service, 'secret')),
          algorithm: text(otp, 'algorithm'),
          digits: whole(otp, 'digits'),
          period: whole(otp, 'period'),
          counter: whole(otp, 'counter'),
          issuer,
          account,
        }),
        login: authenticatorLogin({ tags: group === undefined ? [] : [group] }),
      };
    });
  });
  return list.result();
}
