import { argon2idHash } from '../crypto/argon2.ts';
import { wipe } from '../crypto/bytes.ts';
import { parseOtpUri } from '../otp/uri.ts';
import { authenticatorLogin, describeEntry, EntryList } from './entry.ts';
import { TransferError } from './errors.ts';
import {
  decodeBase64,
  describeValue,
  isObject,
  type JsonObject,
  member,
  parseJson,
  readText,
  requirePassword,
  text,
} from './input.ts';
import { decryptedText, openGcm, passwordUtf8 } from './ciphers.ts';
import type { ImportInput, ImportOptions, ImportResult } from './types.ts';

/**
 * @module
 * Proton Authenticator's export, as protonpass/proton-pass-common writes and reads it
 * (`proton-authenticator/src/entry/exporter.rs`, `password_exporter.rs`, `crypto.rs`):
 * - plain: `{ version: 1, entries: [{ id, content: { uri, entry_type: Totp | Steam, name }, note }] }`,
 *   `uri` an `otpauth://totp/...` URI or `steam://SECRET`;
 * - with a password: `{ version: 1, salt, content }`, both standard base64:
 *   key = Argon2id v1.3(UTF-8 password, salt (16 bytes), m = 19,456 KiB, t = 2, p = 1, 32 bytes)
 *   (fixed: nothing in the file chooses the cost); content = nonce (12) || AES-256-GCM ciphertext
 *   || tag (16), with associated data "proton.authenticator.export.v1"; the plaintext is the
 *   plain export.
 */

const FORMAT = 'proton';
const VERSION = 1;
const SALT_LENGTH = 16;
const NONCE_LENGTH = 12;
const KEY_LENGTH = 32;
const AAD = new TextEncoder().encode('proton.authenticator.export.v1');
// derive_password_key in password_exporter.rs.
export const PROTON_ARGON2 = Object.freeze({ memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 });

export async function importProton(input: ImportInput, opts: ImportOptions = {}): Promise<ImportResult> {
  const file = parseJson(readText(input, FORMAT), FORMAT);
  if (!isObject(file) || !(Array.isArray(member(file, 'entries')) || typeof member(file, 'content') === 'string')) {
    throw new TransferError('not-proton', 'The file is not a Proton Authenticator export (no entries)', FORMAT);
  }
  const version = member(file, 'version');
  if (version !== VERSION) {
    throw new TransferError(
      'unsupported-version',
      `Proton Authenticator export version ${describeValue(version)} is not supported (only ${VERSION})`,
      FORMAT,
    );
  }
  if (Array.isArray(member(file, 'entries'))) return readEntries(file);
  const salt = decodeBase64(member(file, 'salt'), 'The salt', FORMAT);
  if (salt.length !== SALT_LENGTH)
    throw new TransferError('malformed', `The salt must be ${SALT_LENGTH} bytes, not ${salt.length}`, FORMAT);
  const sealed = decodeBase64(member(file, 'content'), 'The encrypted content', FORMAT);
  if (sealed.length < NONCE_LENGTH + 16)
    throw new TransferError('malformed', 'The encrypted content is cut short', FORMAT);
  const password = requirePassword(opts.password, FORMAT, 'This Proton Authenticator export');
  const secret = passwordUtf8(password);
  let key: Uint8Array;
  try {
    key = await argon2idHash(secret, salt, PROTON_ARGON2, KEY_LENGTH);
  } catch (e) {
    throw new TransferError(
      'kdf-failed',
      `Argon2id could not run on this device: ${e instanceof Error ? e.message : String(e)}`,
      FORMAT,
    );
  } finally {
    wipe(secret);
  }
  const plaintext = openGcm(key, sealed.subarray(0, NONCE_LENGTH), sealed.subarray(NONCE_LENGTH), AAD);
  wipe(key);
  // One AES-GCM message and no check value: a wrong password and a damaged file look alike.
  if (plaintext === null)
    throw new TransferError(
      'wrong-password',
      'Wrong password for this Proton Authenticator export (or the file is damaged)',
      FORMAT,
    );
  const inner = parseJson(decryptedText(plaintext, FORMAT), FORMAT);
  wipe(plaintext);
  if (!isObject(inner) || !Array.isArray(member(inner, 'entries')) || member(inner, 'version') !== VERSION) {
    throw new TransferError('malformed', 'The decrypted export is not a Proton Authenticator export', FORMAT);
  }
  return readEntries(inner);
}

function readEntries(file: JsonObject): ImportResult {
  const entries = member(file, 'entries') as unknown[];
  const list = new EntryList(FORMAT, entries.length);
  entries.forEach((entry, index) => {
    const content = isObject(entry) ? member(entry, 'content') : undefined;
    if (!isObject(entry) || !isObject(content)) {
      list.fail(index, '', 'malformed-entry', 'The entry is not an object with content');
      return;
    }
    const name = text(content, 'name');
    list.add(index, describeEntry('', '', name), () => {
      const otp = parseOtpUri(text(content, 'uri'));
      // steam:// carries only the secret; Proton shows the entry's name.
      const named = { ...otp, account: otp.account || name.trim() };
      const login = authenticatorLogin({ notes: text(entry, 'note') });
      return login === undefined ? { otp: named } : { otp: named, login };
    });
  });
  return list.result();
}
