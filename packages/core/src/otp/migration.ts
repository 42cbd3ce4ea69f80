import { base64 } from '@scure/base';
import { randomBytes } from '@noble/hashes/utils.js';
import { labelName, splitLabel } from './label.ts';
import {
  bytesField,
  concat,
  int32,
  int64,
  readFields,
  varintField,
  WIRE_LEN,
  WIRE_VARINT,
  type ProtoField,
} from './protobuf.ts';
import { checkOtp, DEFAULT_PERIOD, OtpError, type Otp, type OtpAlgorithm, type OtpType } from './types.ts';

// Google Authenticator's export ("Transfer accounts"): otpauth-migration://offline?data=BASE64
// where BASE64 is a protobuf MigrationPayload (no published spec; the schema below is the one
// Aegis and others recovered, app/src/main/proto/google_auth.proto in Aegis):
//   MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
//     int32 batch_size = 3; optional int32 batch_index = 4; int32 batch_id = 5; }
//   OtpParameters { bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
//     DigitCount digits = 5; OtpType type = 6; int64 counter = 7; }
const PAYLOAD = { otp: 1, version: 2, batchSize: 3, batchIndex: 4, batchId: 5 } as const;
const ENTRY = { secret: 1, name: 2, issuer: 3, algorithm: 4, digits: 5, type: 6, counter: 7 } as const;
// Enum 0 is "unspecified"; like Aegis, it reads as Google's default (SHA1, 6 digits, TOTP).
const ALGORITHMS: Record<number, OtpAlgorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const ALGORITHM_CODES: Record<OtpAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };
const DIGITS: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const DIGIT_CODES: Record<number, number> = { 6: 1, 8: 2 };
const TYPES: Record<number, OtpType> = { 0: 'totp', 1: 'hotp', 2: 'totp' };
const TYPE_CODES = { hotp: 1, totp: 2 } as const;
const MD5 = 4;
const PAYLOAD_VERSION = 1;
/** Entries per QR code, as Google Authenticator itself splits large exports. */
export const MIGRATION_BATCH_SIZE = 10;
// A QR code holds under 3 kB; the bound is far above that and only stops absurd pasted input.
const MAX_DATA_CHARS = 1 << 20;

export interface MigrationBatch {
  /** 0-based position of this QR code in the export. */
  index: number;
  /** How many QR codes the export has. */
  size: number;
  /** Shared by every QR code of one export, to tell exports apart. */
  id: number;
}

export interface MigrationRejection {
  /** 0-based position of the entry in this payload. */
  index: number;
  error: OtpError;
}

export interface MigrationResult {
  otps: Otp[];
  /** Entries Tessera cannot use (MD5, unknown enum values, empty secret, ...), one error each. */
  rejected: MigrationRejection[];
  batch: MigrationBatch;
}

/**
 * Reads `otpauth-migration://offline?data=...`. The data is standard base64, URL-encoded; `+`,
 * `%2B`, spaces (a `+` mangled by form decoding), line breaks, missing padding and the base64url
 * alphabet are all accepted. A damaged payload throws 'migration-bad-data'; an entry that cannot
 * become an Otp is listed in `rejected` and the rest still import.
 */
export function parseMigrationUri(uri: string): MigrationResult {
  return decodeMigrationPayload(migrationData(uri));
}

export function decodeMigrationPayload(bytes: Uint8Array): MigrationResult {
  const batch: MigrationBatch = { index: 0, size: 0, id: 0 };
  const entries: Uint8Array[] = [];
  for (const f of readFields(bytes)) {
    if (f.field === PAYLOAD.otp) entries.push(lengthDelimited(f, 'otp_parameters'));
    else if (f.field === PAYLOAD.batchSize) batch.size = int32(varint(f, 'batch_size'));
    else if (f.field === PAYLOAD.batchIndex) batch.index = int32(varint(f, 'batch_index'));
    else if (f.field === PAYLOAD.batchId) batch.id = int32(varint(f, 'batch_id'));
    // Every known export is version 1 and no other version is known to change the layout, so
    // the version is only checked for its wire type.
    else if (f.field === PAYLOAD.version) varint(f, 'version');
  }
  const otps: Otp[] = [];
  const rejected: MigrationRejection[] = [];
  entries.forEach((entry, index) => {
    try {
      otps.push(decodeEntry(entry));
    } catch (e) {
      if (!(e instanceof OtpError)) throw e;
      rejected.push({ index, error: new OtpError(e.code, `entry ${index + 1}${describeEntry(entry)}: ${e.message}`) });
    }
  });
  return { otps, rejected, batch };
}

/** Whether Google Authenticator's format can carry `otp`: it has no Steam, no 7 digits and no period other than 30 s. */
export function canMigrate(otp: Otp): boolean {
  return whyNotMigratable(otp) === null;
}

/**
 * Writes `otps` as Google Authenticator export URIs, at most MIGRATION_BATCH_SIZE entries each,
 * all sharing one batch id (random unless given). Throws 'migration-unsupported' naming the first
 * entry the format cannot carry (see canMigrate). The entry name is the account, with the issuer
 * prefix only when the account itself holds a colon.
 */
export function formatMigrationUris(otps: readonly Otp[], opts: { batchId?: number } = {}): string[] {
  otps.forEach(checkMigratable);
  const id = checkInt32(opts.batchId ?? randomBatchId(), 'batch id');
  const size = Math.ceil(otps.length / MIGRATION_BATCH_SIZE);
  const uris: string[] = [];
  for (let index = 0; index < size; index++) {
    const chunk = otps.slice(index * MIGRATION_BATCH_SIZE, (index + 1) * MIGRATION_BATCH_SIZE);
    const data = base64.encode(encodeMigrationPayload(chunk, { index, size, id }));
    uris.push(`otpauth-migration://offline?data=${encodeURIComponent(data)}`);
  }
  return uris;
}

/** Field order and omitted defaults follow Google Authenticator's own exports byte for byte. */
export function encodeMigrationPayload(otps: readonly Otp[], batch: MigrationBatch): Uint8Array {
  otps.forEach(checkMigratable);
  checkInt32(batch.index, 'batch index');
  checkInt32(batch.size, 'batch size');
  checkInt32(batch.id, 'batch id');
  const parts = otps.map((otp) => bytesField(PAYLOAD.otp, encodeEntry(otp)));
  parts.push(varintField(PAYLOAD.version, PAYLOAD_VERSION), varintField(PAYLOAD.batchSize, batch.size));
  // batch_index is `optional` in the schema, so Google writes it even when it is 0.
  parts.push(varintField(PAYLOAD.batchIndex, batch.index));
  if (batch.id !== 0) parts.push(varintField(PAYLOAD.batchId, batch.id));
  return concat(parts);
}

function encodeEntry(otp: Otp): Uint8Array {
  const utf8 = new TextEncoder();
  const type = otp.type === 'hotp' ? 'hotp' : 'totp';
  const name = labelName(otp.issuer, otp.account);
  const parts = [bytesField(ENTRY.secret, otp.secret)];
  if (name !== '') parts.push(bytesField(ENTRY.name, utf8.encode(name)));
  if (otp.issuer !== '') parts.push(bytesField(ENTRY.issuer, utf8.encode(otp.issuer)));
  parts.push(
    varintField(ENTRY.algorithm, ALGORITHM_CODES[otp.algorithm]),
    varintField(ENTRY.digits, DIGIT_CODES[otp.digits] ?? 0),
    varintField(ENTRY.type, TYPE_CODES[type]),
  );
  if (type === 'hotp' && otp.counter !== 0) parts.push(varintField(ENTRY.counter, otp.counter));
  return concat(parts);
}

function decodeEntry(bytes: Uint8Array): Otp {
  const utf8 = new TextDecoder();
  let secret = new Uint8Array(0);
  let name = '';
  let issuer = '';
  let algorithm = 0;
  let digits = 0;
  let type = 0;
  let counter = 0n;
  for (const f of readFields(bytes)) {
    if (f.field === ENTRY.secret) secret = lengthDelimited(f, 'secret').slice();
    else if (f.field === ENTRY.name) name = utf8.decode(lengthDelimited(f, 'name'));
    else if (f.field === ENTRY.issuer) issuer = utf8.decode(lengthDelimited(f, 'issuer'));
    else if (f.field === ENTRY.algorithm) algorithm = int32(varint(f, 'algorithm'));
    else if (f.field === ENTRY.digits) digits = int32(varint(f, 'digits'));
    else if (f.field === ENTRY.type) type = int32(varint(f, 'type'));
    else if (f.field === ENTRY.counter) counter = int64(varint(f, 'counter'));
  }
  if (secret.length === 0) throw new OtpError('missing-secret', 'the entry has no secret');
  const otpType = TYPES[type];
  if (otpType === undefined) throw new OtpError('unknown-type', `unknown OTP type ${type}`);
  const otpAlgorithm = ALGORITHMS[algorithm];
  if (otpAlgorithm === undefined) {
    throw new OtpError(
      'unsupported-algorithm',
      algorithm === MD5 ? 'MD5 codes are not supported' : `unknown algorithm ${algorithm}`,
    );
  }
  const otpDigits = DIGITS[digits];
  if (otpDigits === undefined) throw new OtpError('digits-out-of-range', `unknown digit count ${digits}`);
  if (otpType === 'hotp' && (counter < 0n || counter > BigInt(Number.MAX_SAFE_INTEGER))) {
    throw new OtpError('invalid-counter', `counter ${counter} is outside 0 to 2^53 - 1`);
  }
  const label = splitLabel(name, issuer);
  return checkOtp({
    type: otpType,
    secret,
    algorithm: otpAlgorithm,
    digits: otpDigits,
    period: DEFAULT_PERIOD,
    counter: otpType === 'hotp' ? Number(counter) : 0,
    issuer: label.issuer,
    account: label.account,
  });
}

function checkMigratable(otp: Otp, index: number): void {
  checkOtp(otp);
  const why = whyNotMigratable(otp);
  if (why !== null)
    throw new OtpError(
      'migration-unsupported',
      `entry ${index + 1} cannot be exported for Google Authenticator: ${why}`,
    );
}

// The batch fields are int32 in the schema.
function checkInt32(value: number, name: string): number {
  if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) {
    throw new OtpError('migration-unsupported', `${name} must be a 32-bit integer, got ${value}`);
  }
  return value;
}

function whyNotMigratable(otp: Otp): string | null {
  if (otp.type === 'steam') return 'it has no Steam codes';
  if (DIGIT_CODES[otp.digits] === undefined) return `it has only 6 or 8 digits, not ${otp.digits}`;
  if (otp.type === 'totp' && otp.period !== DEFAULT_PERIOD)
    return `it has no period: only ${DEFAULT_PERIOD} s codes, not ${otp.period} s`;
  return null;
}

function migrationData(uri: string): Uint8Array {
  if (typeof uri !== 'string') throw new OtpError('not-migration-uri', 'expected an otpauth-migration:// URI as text');
  const text = uri.trim();
  const match = /^otpauth-migration:\/\/([^/?#]*)\/?(?:\?([^#]*))?/i.exec(text);
  if (match === null || match[1]!.toLowerCase() !== 'offline') {
    throw new OtpError('not-migration-uri', 'not an otpauth-migration://offline URI');
  }
  let raw: string | undefined;
  for (const part of (match[2] ?? '').split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).toLowerCase() !== 'data') continue;
    if (raw !== undefined) throw new OtpError('migration-bad-data', 'the data parameter appears more than once');
    raw = part.slice(eq + 1);
  }
  if (raw === undefined || raw === '') throw new OtpError('migration-bad-data', 'the URI has no data parameter');
  if (raw.length > MAX_DATA_CHARS) throw new OtpError('migration-bad-data', 'the data parameter is too long');
  let text64: string;
  try {
    text64 = decodeURIComponent(raw);
  } catch {
    throw new OtpError('migration-bad-data', 'the data parameter has broken percent-encoding');
  }
  // Deliberately not form decoding: `+` is base64. A space is a `+` that a careless copy (or a
  // form decoder) turned into one; other whitespace is line wrapping. base64url is mapped back.
  text64 = text64
    .replaceAll(' ', '+')
    .replace(/[\t\r\n]/g, '')
    .replaceAll('-', '+')
    .replaceAll('_', '/')
    .replace(/=+$/, '');
  if (text64.length % 4 === 1)
    throw new OtpError('migration-bad-data', 'the data parameter is not base64: its length is impossible');
  try {
    return base64.decode(text64.padEnd(Math.ceil(text64.length / 4) * 4, '='));
  } catch {
    throw new OtpError('migration-bad-data', 'the data parameter is not base64');
  }
}

function lengthDelimited(f: ProtoField, name: string): Uint8Array {
  if (f.wire !== WIRE_LEN)
    throw new OtpError('migration-bad-data', `the export data is damaged: ${name} has the wrong wire type`);
  return f.value;
}

function varint(f: ProtoField, name: string): bigint {
  if (f.wire !== WIRE_VARINT)
    throw new OtpError('migration-bad-data', `the export data is damaged: ${name} has the wrong wire type`);
  return f.value;
}

// Names the entry in errors by its label only: never by anything derived from the secret.
function describeEntry(bytes: Uint8Array): string {
  try {
    const utf8 = new TextDecoder();
    let name = '';
    let issuer = '';
    for (const f of readFields(bytes)) {
      if (f.wire !== WIRE_LEN) continue;
      if (f.field === ENTRY.name) name = utf8.decode(f.value);
      if (f.field === ENTRY.issuer) issuer = utf8.decode(f.value);
    }
    const { issuer: i, account } = splitLabel(name, issuer);
    const label = [i, account].filter((s) => s !== '').join(': ');
    return label === '' ? '' : ` (${JSON.stringify(label.length > 60 ? `${label.slice(0, 60)}…` : label)})`;
  } catch {
    return '';
  }
}

function randomBatchId(): number {
  const bytes = randomBytes(4);
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) >>> 1;
}
