import { DEFAULT_KDF, type KdfParams } from '../crypto/kdf.ts';
import { wipe } from '../crypto/bytes.ts';
import { base32Decode, base32Encode } from '../otp/base32.ts';
import type { Otp } from '../otp/types.ts';
import type { RecordView } from '../vault/record.ts';
import { parseRecoveryKey } from '../crypto/recovery-key.ts';
import {
  BACKUP_FORMAT,
  type BackupRecovery,
  openBackup,
  openBackupWithRecoveryKey,
  readBackupHeader,
  sealBackup,
} from './backup-file.ts';
import { describeEntry, EntryList, makeOtp } from './entry.ts';
import { TransferError } from './errors.ts';
import {
  checkCount,
  describeValue,
  flag,
  isObject,
  type JsonObject,
  member,
  parseJson,
  readBytes,
  text,
  whole,
} from './input.ts';
import { decryptedText } from './ciphers.ts';
import { exportViews, type ExportRecord } from './records.ts';
import type { ImportInput, ImportResult } from './types.ts';

// The Tessera encrypted backup: what "Export > Encrypted backup" writes and `tessera decrypt`
// opens offline. The container (header, key wrap, envelopes) is backup-file.ts; this file is its
// content, a JSON document (docs/import-export.md, "Backup content"):
//   { "format": "tessera-backup", "version": 1, "exportedAt": ISO-8601,
//     "records": [{ id, title, url, username, password, notes, tags, favourite,
//                   otp: null | { type, secret (base32), algorithm, digits, period, counter, issuer, account },
//                   createdAt, updatedAt }] }

const CONTENT_VERSION = 1;
const encoder = new TextEncoder();

export interface ExportBackupOptions {
  /** Argon2id cost; DEFAULT_KDF unless given, always within crypto/kdf's floor and ceiling. */
  kdf?: KdfParams;
  /** Unix ms written as exportedAt; now unless given. */
  now?: number;
  /** The vault's recovery slot and backup vault kek: the file then opens with the recovery key too. */
  recovery?: BackupRecovery;
}

/**
 * Seals every record not in "recently deleted" into a backup file under its own `password`
 * (Argon2id, then XChaCha20-Poly1305 envelopes). The whole login and OTP of each record is kept.
 */
export async function exportBackup(
  records: readonly ExportRecord[],
  password: string,
  opts: ExportBackupOptions = {},
): Promise<Uint8Array> {
  const content = backupContent(exportViews(records), opts.now ?? Date.now());
  try {
    return await sealBackup(content, password, opts.kdf ?? DEFAULT_KDF, opts.recovery);
  } finally {
    wipe(content);
  }
}

/** The content JSON of a backup of `views`, as UTF-8. */
export function backupContent(views: readonly RecordView[], now: number): Uint8Array {
  // A backup this client could not import again is refused at export, not discovered at restore.
  checkCount(views.length, BACKUP_FORMAT);
  const document = {
    format: BACKUP_FORMAT,
    version: CONTENT_VERSION,
    exportedAt: new Date(now).toISOString(),
    records: views.map((view) => ({
      id: view.id,
      title: view.title,
      url: view.url,
      username: view.username,
      password: view.password,
      notes: view.notes,
      tags: view.tags,
      favourite: view.favourite,
      otp:
        view.otp === null
          ? null
          : {
              type: view.otp.type,
              secret: base32Encode(view.otp.secret),
              algorithm: view.otp.algorithm,
              digits: view.otp.digits,
              period: view.otp.period,
              counter: view.otp.counter,
              issuer: view.otp.issuer,
              account: view.otp.account,
            },
      createdAt: view.createdAt,
      updatedAt: view.updatedAt,
    })),
  };
  return encoder.encode(JSON.stringify(document));
}

/** Opens a backup with its password and reads its records as import entries (each with its login). */
export async function importBackup(input: ImportInput, password?: string): Promise<ImportResult> {
  return readBackupContent(await decryptBackup(input, password));
}

/** Opens a backup to the text of its content JSON: what `tessera decrypt` prints. */
export async function decryptBackup(input: ImportInput, password?: string): Promise<string> {
  const file = readBytes(input, BACKUP_FORMAT);
  if (typeof password !== 'string' || password === '') {
    // Checked after the header so that a file that is no backup at all says so first.
    readBackupHeader(file);
    throw new TransferError('password-required', 'This backup is encrypted: enter its password', BACKUP_FORMAT);
  }
  const content = await openBackup(file, password);
  try {
    return decryptedText(content, BACKUP_FORMAT);
  } finally {
    wipe(content);
  }
}

/**
 * Opens a backup with the vault's recovery key, as written on the emergency sheet (any case,
 * spaces or hyphens), to the text of its content JSON. Throws 'invalid-recovery-key' (a
 * mistyped key), 'wrong-recovery-key', 'no-recovery-slot' or 'malformed'.
 */
export function decryptBackupWithRecoveryKey(input: ImportInput, recoveryKey: string): string {
  const file = readBytes(input, BACKUP_FORMAT);
  readBackupHeader(file);
  const key = parseRecoveryKey(recoveryKey);
  let content: Uint8Array;
  try {
    content = openBackupWithRecoveryKey(file, key);
  } finally {
    wipe(key);
  }
  try {
    return decryptedText(content, BACKUP_FORMAT);
  } finally {
    wipe(content);
  }
}

/** Reads a backup's content JSON (already decrypted). Readers ignore members they do not know. */
export function readBackupContent(json: string): ImportResult {
  const document = parseJson(json, BACKUP_FORMAT);
  if (!isObject(document) || member(document, 'format') !== BACKUP_FORMAT) {
    throw new TransferError('malformed', 'The backup content is not a Tessera backup document', BACKUP_FORMAT);
  }
  const version = member(document, 'version');
  if (version !== CONTENT_VERSION) {
    throw new TransferError(
      'unsupported-version',
      `Backup content version ${describeValue(version)} is not supported (only ${CONTENT_VERSION}): update Tessera`,
      BACKUP_FORMAT,
    );
  }
  const records = member(document, 'records');
  if (!Array.isArray(records))
    throw new TransferError('malformed', 'The backup content has no list of records', BACKUP_FORMAT);
  const list = new EntryList(BACKUP_FORMAT, records.length);
  records.forEach((record, index) => {
    if (!isObject(record)) {
      list.fail(index, '', 'malformed-entry', 'The record is not an object');
      return;
    }
    const otpValue = member(record, 'otp');
    const otp = isObject(otpValue) ? otpValue : null;
    list.add(
      index,
      describeEntry(
        otp === null ? '' : text(otp, 'issuer'),
        otp === null ? '' : text(otp, 'account'),
        text(record, 'title'),
      ),
      () => {
        const tags = member(record, 'tags');
        return {
          otp: otp === null ? null : readOtp(otp),
          login: {
            title: text(record, 'title'),
            url: text(record, 'url'),
            username: text(record, 'username'),
            password: text(record, 'password'),
            notes: text(record, 'notes'),
            tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [],
            favourite: flag(record, 'favourite'),
          },
        };
      },
    );
  });
  return list.result();
}

// Issuer and account are kept exactly as written (makeOtp trims what foreign formats pad).
function readOtp(otp: JsonObject): Otp {
  const checked = makeOtp({
    type: text(otp, 'type'),
    secret: base32Decode(text(otp, 'secret')),
    algorithm: text(otp, 'algorithm'),
    digits: whole(otp, 'digits'),
    period: whole(otp, 'period'),
    counter: whole(otp, 'counter'),
  });
  return { ...checked, issuer: text(otp, 'issuer'), account: text(otp, 'account') };
}
