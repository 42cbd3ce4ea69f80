import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { wipe } from '../crypto/bytes.ts';
import { base32Decode } from '../otp/base32.ts';
import { authenticatorLogin, describeEntry, EntryList, makeOtp } from './entry.ts';
import { TransferError } from './errors.ts';
import { isObject, member, parseJson, readBytes, readText, requirePassword, text, whole } from './input.ts';
import { decryptedText, openGcm, passwordUtf8 } from './ciphers.ts';
import type { ImportInput, ImportOptions, ImportResult } from './types.ts';

// andOTP's backups (andOTP/andOTP, Utilities/BackupHelper.java, EncryptionHelper.java,
// Constants.java):
// - plain: a JSON array of { secret, issuer, label, digits, type, algorithm, period, counter, tags, ... };
// - encrypted (.json.aes, andOTP 0.6.3 and later):
//     iterations (4 bytes, big endian) || salt (12) || iv (12) || ciphertext || tag (16),
//     AES-256-GCM under PBKDF2-HMAC-SHA1(password, salt, iterations, 256 bits); andOTP draws the
//     iterations from 140,000 to 160,000;
// - encrypted by older versions: iv (12) || ciphertext || tag (16), the key SHA-256(password).
// The file says nothing about which of the two encrypted layouts it uses, so the new one is tried
// when the first four bytes read as a plausible iteration count, and the old one otherwise and
// after it. OpenPGP-encrypted andOTP backups (.json.gpg) need the user's PGP key: not supported.

const FORMAT = 'andotp';
const ITERATIONS_BYTES = 4;
const SALT_LENGTH = 12;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const KEY_LENGTH = 32;

// Around andOTP's own range with room on both sides; a count outside it is not taken for one
// (the old layout is tried instead), so no file can make PBKDF2 run longer than about a second.
/** The iteration counts andOTP itself writes (Constants.java ENCRYPTION_ITERATIONS_MIN/MAX). */
export const ANDOTP_WRITTEN_ITERATIONS = Object.freeze({ min: 140_000, max: 160_000 });
export const ANDOTP_PBKDF2_LIMITS = Object.freeze({ minIterations: 1_000, maxIterations: 1_000_000 });

export async function importAndOtp(input: ImportInput, opts: ImportOptions = {}): Promise<ImportResult> {
  const content = textOrNull(input);
  // Plain backups are a JSON array; JSON of any other shape is some other file.
  if (content !== null && /^\s*[[{]/.test(content)) return readEntries(parseJson(content, FORMAT));
  if (content !== null && content.includes('-----BEGIN PGP MESSAGE-----')) {
    throw new TransferError(
      'unsupported-encryption',
      'OpenPGP-encrypted andOTP backups cannot be opened here: make a plain or password-encrypted backup in andOTP',
      FORMAT,
    );
  }
  const bytes = readBytes(input, FORMAT);
  if (bytes.length < IV_LENGTH + TAG_LENGTH)
    throw new TransferError(
      'not-andotp',
      'The file is neither an andOTP backup nor long enough to be an encrypted one',
      FORMAT,
    );
  const password = requirePassword(opts.password, FORMAT, 'This andOTP backup');
  const plaintext = (await openNewLayout(bytes, password)) ?? openOldLayout(bytes, password);
  if (plaintext === null)
    throw new TransferError('wrong-password', 'Wrong password for this andOTP backup (or the file is damaged)', FORMAT);
  const json = parseJson(decryptedText(plaintext, FORMAT), FORMAT);
  wipe(plaintext);
  return readEntries(json);
}

function textOrNull(input: ImportInput): string | null {
  try {
    return readText(input, FORMAT);
  } catch (e) {
    if (e instanceof TransferError && e.code === 'not-andotp') return null;
    throw e;
  }
}

async function openNewLayout(bytes: Uint8Array, password: string): Promise<Uint8Array | null> {
  const header = ITERATIONS_BYTES + SALT_LENGTH + IV_LENGTH;
  if (bytes.length < header + TAG_LENGTH) return null;
  const iterations = new DataView(bytes.buffer, bytes.byteOffset, ITERATIONS_BYTES).getUint32(0);
  const L = ANDOTP_PBKDF2_LIMITS;
  if (iterations < L.minIterations || iterations > L.maxIterations) return null;
  const salt = bytes.subarray(ITERATIONS_BYTES, ITERATIONS_BYTES + SALT_LENGTH);
  const iv = bytes.subarray(ITERATIONS_BYTES + SALT_LENGTH, header);
  const secret = passwordUtf8(password);
  const key = await pbkdf2Async(sha1, secret, salt, { c: iterations, dkLen: KEY_LENGTH });
  wipe(secret);
  const plaintext = openGcm(key, iv, bytes.subarray(header));
  wipe(key);
  return plaintext;
}

// andOTP's own comment on this layout: "DON'T DO THIS IN YOUR OWN CODE". Read-only here.
function openOldLayout(bytes: Uint8Array, password: string): Uint8Array | null {
  const secret = passwordUtf8(password);
  const key = sha256(secret);
  wipe(secret);
  const plaintext = openGcm(key, bytes.subarray(0, IV_LENGTH), bytes.subarray(IV_LENGTH));
  wipe(key);
  return plaintext;
}

function readEntries(json: unknown): ImportResult {
  if (!Array.isArray(json))
    throw new TransferError('not-andotp', 'The file is not an andOTP backup (not a list of entries)', FORMAT);
  const list = new EntryList(FORMAT, json.length);
  json.forEach((entry, index) => {
    if (!isObject(entry)) {
      list.fail(index, '', 'malformed-entry', 'The entry is not an object');
      return;
    }
    // Entries without an issuer come from andOTP versions that wrote "Issuer - account" labels.
    let issuer = text(entry, 'issuer');
    let account = text(entry, 'label');
    if (!Object.hasOwn(entry, 'issuer')) {
      const parts = account.split(' - ');
      if (parts.length > 1) [issuer, account] = [parts[0]!, parts.slice(1).join(' - ')];
    }
    const tags = member(entry, 'tags');
    list.add(index, describeEntry(issuer, account), () => ({
      otp: makeOtp({
        type: text(entry, 'type'),
        secret: () => base32Decode(text(entry, 'secret')),
        algorithm: text(entry, 'algorithm'),
        digits: whole(entry, 'digits'),
        period: whole(entry, 'period'),
        counter: whole(entry, 'counter'),
        issuer,
        account,
      }),
      login: authenticatorLogin({ tags: Array.isArray(tags) ? tags : [] }),
    }));
  });
  return list.result();
}
