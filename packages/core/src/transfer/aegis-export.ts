import { scryptAsync } from '@noble/hashes/scrypt.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { base64 } from '@scure/base';
import { wipe } from '../crypto/bytes.ts';
import { randomBytes } from '../crypto/random.ts';
import { base32Encode } from '../otp/base32.ts';
import type { Otp } from '../otp/types.ts';
import type { RecordView } from '../vault/record.ts';
import { passwordUtf8, sealGcm } from './ciphers.ts';
import { describeEntry } from './entry.ts';
import { TransferError } from './errors.ts';
import { type ExportRecord, exportViews } from './records.ts';
import type { ImportProblem } from './types.ts';

/**
 * @module
 * Writes an Aegis vault (beemdevelopment/Aegis `docs/vault.md`), the format most authenticators
 * read: `{ version: 1, header: { slots, params }, db }`, the content being
 * `{ version: 3, entries, groups }` (the content version Aegis writes today, groups by uuid).
 * Each record with an OTP becomes one entry: `type` totp | hotp | steam, `name` the account,
 * `issuer`, `note` the record's notes, `favorite`, `groups` the uuids of its tags, `info`
 * `{ secret (base32, no padding), algo, digits, period | counter }`.
 *
 * With a password the content is sealed as Aegis seals it: a random 32-byte master key encrypts
 * the content with AES-256-GCM (nonce and tag in `header.params`, hex; `db` base64), and one
 * password slot holds the master key encrypted with AES-256-GCM under
 * scrypt(UTF-8 password, 32-byte salt, N = 2^15, r = 8, p = 1, 32 bytes), Aegis's own parameters.
 */

const CONTENT_VERSION = 3;
const PASSWORD_SLOT = 1;
export const AEGIS_EXPORT_SCRYPT = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });
const KEY_LENGTH = 32;
const SALT_LENGTH = 32;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;

export interface AegisExportOptions {
  /** Seal the vault under this password; plain JSON without it. */
  password?: string;
  /** Random bytes; only known-answer tests give their own. */
  random?: (length: number) => Uint8Array;
}

export interface AegisExport {
  /** The vault file's text (JSON). */
  json: string;
  /** Records left out (no OTP) or written without the fields Aegis has no place for. */
  skipped: ImportProblem[];
}

export async function exportAegis(
  records: readonly ExportRecord[],
  opts: AegisExportOptions = {},
): Promise<AegisExport> {
  const random = opts.random ?? randomBytes;
  if (opts.password !== undefined && opts.password === '')
    throw new TransferError('export-unsupported', 'An encrypted Aegis export needs a password', 'aegis');
  const skipped: ImportProblem[] = [];
  const groups = new Map<string, string>();
  const groupUuid = (name: string): string => {
    const known = groups.get(name);
    if (known !== undefined) return known;
    const id = uuid(random);
    groups.set(name, id);
    return id;
  };
  const entries: unknown[] = [];
  exportViews(records).forEach((view, index) => {
    const label = describeEntry(view.otp?.issuer ?? '', view.otp?.account ?? '', view.title);
    if (view.otp === null) {
      skipped.push({
        index,
        label,
        code: 'no-otp',
        reason: 'A login without a one-time password: Aegis keeps only codes',
        imported: false,
      });
      return;
    }
    const lost = loginFieldsLost(view);
    if (lost.length > 0)
      skipped.push({
        index,
        label,
        code: 'aegis-fields-left-out',
        reason: `Exported without its ${lost.join(', ')}: Aegis has no place for them`,
        imported: true,
      });
    entries.push({
      type: view.otp.type,
      uuid: uuid(random),
      name: view.otp.account,
      issuer: view.otp.issuer,
      note: view.notes,
      favorite: view.favourite,
      icon: null,
      info: info(view.otp),
      groups: view.tags.map(groupUuid),
    });
  });
  const content = { version: CONTENT_VERSION, entries, groups: [...groups].map(([name, id]) => ({ uuid: id, name })) };
  if (opts.password === undefined) {
    return {
      json: `${JSON.stringify({ version: 1, header: { slots: null, params: null }, db: content }, null, 4)}\n`,
      skipped,
    };
  }
  return { json: `${JSON.stringify(await seal(content, opts.password, random), null, 4)}\n`, skipped };
}

function info(otp: Otp): Record<string, unknown> {
  const common = { secret: base32Encode(otp.secret), algo: otp.algorithm, digits: otp.digits };
  return otp.type === 'hotp' ? { ...common, counter: otp.counter } : { ...common, period: otp.period };
}

// The record fields Aegis cannot hold; a title equal to the issuer is not lost.
function loginFieldsLost(view: RecordView): string[] {
  const lost: string[] = [];
  if (view.title.trim() !== '' && view.title.trim() !== view.otp?.issuer) lost.push('title');
  if (view.url !== '') lost.push('URL');
  if (view.username !== '') lost.push('username');
  if (view.password !== '') lost.push('password');
  return lost;
}

async function seal(content: unknown, password: string, random: (length: number) => Uint8Array): Promise<unknown> {
  const masterKey = random(KEY_LENGTH);
  const salt = random(SALT_LENGTH);
  const secret = passwordUtf8(password);
  const slotKey = await scryptAsync(secret, salt, { ...AEGIS_EXPORT_SCRYPT, dkLen: KEY_LENGTH });
  wipe(secret);
  const keyNonce = random(NONCE_LENGTH);
  const sealedKey = sealGcm(slotKey, keyNonce, masterKey);
  wipe(slotKey);
  const dbNonce = random(NONCE_LENGTH);
  const plaintext = new TextEncoder().encode(JSON.stringify(content));
  const sealedDb = sealGcm(masterKey, dbNonce, plaintext);
  wipe(masterKey);
  wipe(plaintext);
  const split = (sealed: Uint8Array) => ({
    body: sealed.subarray(0, sealed.length - TAG_LENGTH),
    tag: sealed.subarray(sealed.length - TAG_LENGTH),
  });
  const key = split(sealedKey);
  const db = split(sealedDb);
  return {
    version: 1,
    header: {
      slots: [
        {
          type: PASSWORD_SLOT,
          uuid: uuid(random),
          key: bytesToHex(key.body),
          key_params: { nonce: bytesToHex(keyNonce), tag: bytesToHex(key.tag) },
          n: AEGIS_EXPORT_SCRYPT.N,
          r: AEGIS_EXPORT_SCRYPT.r,
          p: AEGIS_EXPORT_SCRYPT.p,
          salt: bytesToHex(salt),
          repaired: true,
          is_backup: false,
        },
      ],
      params: { nonce: bytesToHex(dbNonce), tag: bytesToHex(db.tag) },
    },
    db: base64.encode(db.body),
  };
}

// RFC 9562 §5.4: version 4 (random) UUID.
function uuid(random: (length: number) => Uint8Array): string {
  const b = random(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = bytesToHex(b);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
