import * as v from 'valibot';
import type { Otp, OtpAlgorithm, OtpType } from '../otp/types.ts';
import { checkOtp, MAX_SECRET_BYTES, OTP_ALGORITHMS, OTP_TYPES } from '../otp/types.ts';
import { base32Encode } from '../otp/base32.ts';
import { base32nopad } from '@scure/base';
import { TesseraError } from '../errors.ts';
import { parseStamp, type Stamp } from './hlc.ts';

// The plaintext record (docs/architecture.md, "Record model"): a login with zero or one OTP, every field
// stamped by the hybrid logical clock of the device that last wrote it. It only ever leaves
// memory inside an item envelope. docs/core/vault.md describes the JSON form field by field.

export const RECORD_VERSION = 1;
// Record ids are made by randomId() (22 base64url characters), the only ids the sync API takes;
// the decoder reads 1 to 64 so that a record written locally under an older rule still opens
// (docs/core/vault.md, the `id` row).
export const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

// Bounds on what a record may hold, checked on every edit and every decode. UTF-8 bytes for
// free text (what storage and envelopes pay for), code points for tags (what a person sees).
export const LIMITS = {
  titleBytes: 1024,
  urlBytes: 4096,
  usernameBytes: 1024,
  passwordBytes: 4096,
  notesBytes: 65_536,
  issuerBytes: 1024,
  accountBytes: 1024,
  tags: 64,
  tagChars: 64,
} as const;

export interface Field<T> {
  value: T;
  at: Stamp;
}

// The settings that make an OTP produce codes. They are written and merged as one unit: a code
// from the secret of one device and the digits of another would be wrong on every device.
export interface OtpConfig {
  type: OtpType;
  secret: Uint8Array;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
}

// `counter` is the hotp moving factor (0 for totp and steam). It belongs to the configuration
// written at `at`: it merges by max between copies of that same configuration, and a newer
// configuration brings its own counter. `counterAt` stamps the last advance (or `at`).
export interface OtpField {
  value: OtpConfig | null;
  at: Stamp;
  counter: number;
  counterAt: Stamp;
}

export interface VaultRecord {
  v: typeof RECORD_VERSION;
  id: string;
  // Raised by every local change, max on merge: a client that remembers the highest rev it saw
  // for an item notices when the server hands back an older envelope.
  rev: number;
  created: Stamp;
  title: Field<string>;
  url: Field<string>;
  username: Field<string>;
  password: Field<string>;
  notes: Field<string>;
  tags: Field<string[]>;
  favourite: Field<boolean>;
  otp: OtpField;
  // The labels shown with the OTP are ordinary fields: renaming one is not a new configuration.
  issuer: Field<string>;
  account: Field<string>;
  // "Recently deleted" flag; a delete is a write like any other, restore is a later write.
  deleted: Field<boolean>;
}

export type StringField = 'title' | 'url' | 'username' | 'password' | 'notes' | 'issuer' | 'account';
export const STRING_FIELDS: readonly StringField[] = [
  'title',
  'url',
  'username',
  'password',
  'notes',
  'issuer',
  'account',
];

export interface RecordInput {
  title?: string;
  url?: string;
  username?: string;
  password?: string;
  notes?: string;
  tags?: string[];
  favourite?: boolean;
  otp?: Otp | null;
}

export interface RecordView {
  id: string;
  title: string;
  url: string;
  username: string;
  password: string;
  notes: string;
  tags: string[];
  favourite: boolean;
  otp: Otp | null;
  deleted: boolean;
  // Unix ms of the creation stamp and of the newest stamp in the record.
  createdAt: number;
  updatedAt: number;
}

export type RecordErrorCode = 'corrupt-item' | 'record-invalid' | 'record-id-mismatch' | 'not-hotp';

export class RecordError extends TesseraError {
  declare readonly code: RecordErrorCode;
  // For 'corrupt-item': 'not-utf8' | 'not-json' | 'too-large' | 'unsupported-version' | 'invalid-field'.
  readonly reason: string | undefined;
  constructor(code: RecordErrorCode, message: string, reason?: string) {
    super(code, message);
    this.name = 'RecordError';
    this.reason = reason;
  }
}

// Schemas of the JSON form (docs/core/vault.md). Strict objects: an unknown key is an error, so a
// record from a newer format is never half-read and silently re-saved without its new fields.

// Valibot's own messages quote the value they received; a record holds passwords and secrets,
// and error messages end up in logs, so only the expectation is reported. Messages written in
// the schemas below replace this one.
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.expected === 'never') return 'is not a known field';
  if (issue.received === 'undefined') return 'is missing';
  return issue.expected === null ? `is invalid (${issue.type})` : `is invalid: expected ${issue.expected}`;
}

// Opening a vault checks every stamp of every record (13 each), and a record's fields mostly
// share one: those written together, at creation or in one edit. The last stamp that passed is
// remembered, so a run of equal stamps is parsed once. The check is a pure function of the text,
// so remembering its answer changes no outcome.
let lastGoodStamp = '';

function isStamp(text: string): boolean {
  if (text === lastGoodStamp) return true;
  try {
    parseStamp(text);
    lastGoodStamp = text;
    return true;
  } catch {
    return false;
  }
}

// The secret's bytes if `text` is canonical base32 (it encodes back to itself), else null: one
// decode, where a check followed by a separate decode would do it twice.
function canonicalBase32(text: string): Uint8Array | null {
  try {
    const bytes = base32nopad.decode(text);
    return base32Encode(bytes) === text ? bytes : null;
  } catch {
    return null;
  }
}

const encoder = new TextEncoder();

// UTF-8 takes at most three bytes per UTF-16 code unit (a surrogate pair, two units, takes
// four), so text whose length in units is a third of the limit fits without being encoded. Most
// fields are short: opening a vault encodes almost none of them.
function fitsBytes(text: string, maxBytes: number): boolean {
  return text.length * 3 <= maxBytes || encoder.encode(text).length <= maxBytes;
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const stampSchema = v.pipe(v.string(), v.check(isStamp, 'is not a stamp'));

function textSchema(maxBytes: number) {
  return v.pipe(
    v.string(),
    v.check((text) => fitsBytes(text, maxBytes), `is longer than ${maxBytes} UTF-8 bytes`),
  );
}

export const STRING_SCHEMAS = {
  title: textSchema(LIMITS.titleBytes),
  url: textSchema(LIMITS.urlBytes),
  username: textSchema(LIMITS.usernameBytes),
  password: textSchema(LIMITS.passwordBytes),
  notes: textSchema(LIMITS.notesBytes),
  issuer: textSchema(LIMITS.issuerBytes),
  account: textSchema(LIMITS.accountBytes),
} satisfies Record<StringField, unknown>;

export const tagsSchema = v.pipe(
  v.array(
    v.pipe(
      v.string(),
      v.minLength(1, 'is an empty tag'),
      v.check((tag) => codePoints(tag) <= LIMITS.tagChars, `is a tag longer than ${LIMITS.tagChars} characters`),
    ),
  ),
  v.maxLength(LIMITS.tags, `holds more than ${LIMITS.tags} tags`),
  v.check((tags) => new Set(tags).size === tags.length, 'holds the same tag twice'),
);

// Canonical base32 only (upper case, no padding, no separators, zero trailing bits), so that
// decoding and encoding again gives the same text and equal secrets always compare equal.
const secretSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Z2-7]+$/, 'is not upper-case unpadded base32'),
  v.maxLength(Math.ceil((MAX_SECRET_BYTES * 8) / 5), `is longer than ${MAX_SECRET_BYTES} bytes`),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const bytes = canonicalBase32(dataset.value);
    if (bytes !== null) return bytes;
    addIssue({ message: 'is not canonical base32' });
    return NEVER;
  }),
);

const otpConfigSchema = v.pipe(
  v.strictObject({
    type: v.picklist(OTP_TYPES),
    secret: secretSchema,
    algorithm: v.picklist(OTP_ALGORITHMS),
    digits: v.pipe(v.number(), v.safeInteger('is not an integer')),
    period: v.pipe(v.number(), v.safeInteger('is not an integer')),
  }),
  // The ranges are those of otp/types.ts, checked by the one function that owns them.
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    try {
      checkOtp({ ...dataset.value, counter: 0, issuer: '', account: '' });
    } catch (e) {
      addIssue({ message: e instanceof TesseraError ? e.message : 'is not a valid OTP' });
    }
  }),
);

const otpFieldSchema = v.pipe(
  v.strictObject({
    value: v.nullable(otpConfigSchema),
    at: stampSchema,
    counter: v.pipe(v.number(), v.safeInteger('is not an integer'), v.minValue(0, 'is negative')),
    counterAt: stampSchema,
  }),
  v.check((otp) => otp.counter === 0 || otp.value?.type === 'hotp', 'holds a counter for an OTP that is not hotp'),
);

function fieldSchema<T extends v.GenericSchema>(value: T) {
  return v.strictObject({ value, at: stampSchema });
}

export const recordSchema = v.strictObject({
  v: v.literal(RECORD_VERSION),
  id: v.pipe(v.string(), v.regex(RECORD_ID, 'is not 1 to 64 base64url characters')),
  rev: v.pipe(v.number(), v.safeInteger('is not an integer'), v.minValue(0, 'is negative')),
  created: stampSchema,
  title: fieldSchema(STRING_SCHEMAS.title),
  url: fieldSchema(STRING_SCHEMAS.url),
  username: fieldSchema(STRING_SCHEMAS.username),
  password: fieldSchema(STRING_SCHEMAS.password),
  notes: fieldSchema(STRING_SCHEMAS.notes),
  tags: fieldSchema(tagsSchema),
  favourite: fieldSchema(v.boolean()),
  otp: otpFieldSchema,
  issuer: fieldSchema(STRING_SCHEMAS.issuer),
  account: fieldSchema(STRING_SCHEMAS.account),
  deleted: fieldSchema(v.boolean()),
});
