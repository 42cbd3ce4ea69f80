import { argon2idHash } from '../crypto/argon2.ts';
import { wipe } from '../crypto/bytes.ts';
import { authenticatorLogin, EntryList } from './entry.ts';
import { TransferError } from './errors.ts';
import {
  checkKdfParam,
  decodeBase64,
  describeValue,
  flag,
  isObject,
  type JsonObject,
  member,
  parseJson,
  readText,
  requirePassword,
  text,
} from './input.ts';
import { addUri } from './otpauth-list.ts';
import { decryptedText, passwordUtf8 } from './ciphers.ts';
import { SECRETSTREAM_HEADER_BYTES, SecretStreamPull } from './secretstream.ts';
import type { ImportInput, ImportOptions, ImportResult } from './types.ts';
import { looksLikeUri } from './uri-text.ts';

// Ente Auth's exports (ente-io/ente, docs/docs/auth/migration/export.md and the auth app's
// export code):
// - plain text: one otpauth:// URI per line; Ente adds a `codeDisplay` query parameter holding
//   URL-encoded JSON { pinned, trashed, tags, note, ... };
// - encrypted: { version: 1, kdfParams: { memLimit, opsLimit, salt }, encryptedData,
//   encryptionNonce }: key = libsodium crypto_pwhash Argon2id v1.3 (opsLimit passes, memLimit
//   bytes, one lane, 32 bytes) of the password with the 16-byte salt; the plain text export is one
//   crypto_secretstream_xchacha20poly1305 message, encryptionNonce being the stream header.

const FORMAT = 'ente';
const EXPORT_VERSION = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

// Ente derives with libsodium's "sensitive" cost (1 GiB, 4 passes) or, on phones short of
// memory, halves the memory and doubles the passes, keeping memory × passes at 4 GiB: 256 MiB × 16
// is what most exports carry. Memory is bounded by libsodium's minimum (8 KiB) and Ente's
// maximum (1 GiB); the total work by Ente's constant product, so no file costs more than the
// most expensive one Ente writes (several seconds in a Web Worker, never unbounded).
export const ENTE_KDF_LIMITS = Object.freeze({
  minMemoryBytes: 8 * 1024,
  maxMemoryBytes: 1024 * 1024 * 1024,
  minOps: 1,
  maxOps: 4096,
  maxWorkKiBPasses: 4 * 1024 * 1024,
});

export async function importEnte(input: ImportInput, opts: ImportOptions = {}): Promise<ImportResult> {
  const content = readText(input, FORMAT);
  if (content.trimStart().startsWith('{')) {
    const file = parseJson(content, FORMAT);
    if (!isObject(file) || !isObject(member(file, 'kdfParams')) || typeof member(file, 'encryptedData') !== 'string') {
      throw new TransferError(
        'not-ente',
        'The file is not an Ente Auth export (no kdfParams and encryptedData)',
        FORMAT,
      );
    }
    return readPlainText(await decryptExport(file, opts));
  }
  return readPlainText(content);
}

async function decryptExport(file: JsonObject, opts: ImportOptions): Promise<string> {
  const version = member(file, 'version');
  if (version !== EXPORT_VERSION)
    throw new TransferError(
      'unsupported-version',
      `Ente Auth export version ${describeValue(version)} is not supported (only ${EXPORT_VERSION})`,
      FORMAT,
    );
  const params = member(file, 'kdfParams') as JsonObject;
  const L = ENTE_KDF_LIMITS;
  const memLimit = checkKdfParam(
    member(params, 'memLimit'),
    L.minMemoryBytes,
    L.maxMemoryBytes,
    'Argon2id memory (memLimit, bytes)',
    FORMAT,
  );
  const opsLimit = checkKdfParam(member(params, 'opsLimit'), L.minOps, L.maxOps, 'Argon2id passes (opsLimit)', FORMAT);
  // libsodium hands Argon2 memLimit / 1024 KiB, rounded down.
  const memoryKiB = Math.floor(memLimit / 1024);
  if (memoryKiB * opsLimit > L.maxWorkKiBPasses) {
    throw new TransferError(
      'kdf-params',
      `Argon2id with ${memoryKiB} KiB and ${opsLimit} passes is more work than any Ente Auth export asks for`,
      FORMAT,
    );
  }
  const salt = decodeBase64(member(params, 'salt'), 'The salt', FORMAT);
  if (salt.length !== SALT_LENGTH)
    throw new TransferError('malformed', `The salt must be ${SALT_LENGTH} bytes, not ${salt.length}`, FORMAT);
  const header = decodeBase64(member(file, 'encryptionNonce'), 'The encryption nonce', FORMAT);
  if (header.length !== SECRETSTREAM_HEADER_BYTES)
    throw new TransferError('malformed', `The encryption nonce must be ${SECRETSTREAM_HEADER_BYTES} bytes`, FORMAT);
  const sealed = decodeBase64(member(file, 'encryptedData'), 'The encrypted data', FORMAT);
  const password = requirePassword(opts.password, FORMAT, 'This Ente Auth export');

  const secret = passwordUtf8(password);
  let key: Uint8Array;
  try {
    key = await argon2idHash(secret, salt, { memoryKiB, iterations: opsLimit, parallelism: 1 }, KEY_LENGTH);
  } catch (e) {
    throw new TransferError(
      'kdf-failed',
      `Argon2id could not run on this device: ${e instanceof Error ? e.message : String(e)}`,
      FORMAT,
    );
  } finally {
    wipe(secret);
  }
  // Ente seals the whole export as one message and does not require the final tag on reading
  // (older versions wrote TAG_MESSAGE, newer ones TAG_FINAL): any tag is accepted, as Ente does.
  const opened = new SecretStreamPull(key, header).pull(sealed);
  wipe(key);
  // One key, one message, no separate check value: a failure cannot be told from a wrong password.
  if (opened === null)
    throw new TransferError(
      'wrong-password',
      'Wrong password for this Ente Auth export (or the file is damaged)',
      FORMAT,
    );
  const plain = decryptedText(opened.message, FORMAT);
  wipe(opened.message);
  return plain;
}

function readPlainText(content: string): ImportResult {
  // Some Ente versions write a line as a JSON string literal ("otpauth://...").
  const lines = content
    .split(/\r\n|\r|\n/)
    .map((line) => unquote(line.trim()))
    .filter((line) => line !== '');
  if (!lines.some(looksLikeUri)) throw new TransferError('not-ente', 'The file holds no otpauth:// URIs', FORMAT);
  const list = new EntryList(FORMAT, lines.length);
  let index = 0;
  for (const line of lines) {
    const display = codeDisplay(line);
    if (display !== null && flag(display, 'trashed')) {
      list.fail(index++, '', 'in-trash', "This code was in Ente Auth's trash and is not imported");
      continue;
    }
    const tags = display === null ? [] : member(display, 'tags');
    const login =
      display === null
        ? undefined
        : authenticatorLogin({
            notes: text(display, 'note'),
            tags: Array.isArray(tags) ? tags : [],
            favourite: flag(display, 'pinned'),
          });
    index = addUri(list, index, line, login);
  }
  return list.result();
}

function unquote(line: string): string {
  if (line.length < 2 || !line.startsWith('"') || !line.endsWith('"')) return line;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'string' ? value.trim() : line;
  } catch {
    return line;
  }
}

// The codeDisplay parameter: URL-encoded JSON. A broken one is ignored, the code still imports.
function codeDisplay(uri: string): JsonObject | null {
  const start = uri.indexOf('?');
  const query = start < 0 ? '' : uri.slice(start + 1).split('#', 1)[0]!;
  for (const part of query.split('&')) {
    if (!part.startsWith('codeDisplay=')) continue;
    try {
      const value: unknown = JSON.parse(decodeURIComponent(part.slice('codeDisplay='.length).replaceAll('+', ' ')));
      return isObject(value) ? value : null;
    } catch {
      return null;
    }
  }
  return null;
}
