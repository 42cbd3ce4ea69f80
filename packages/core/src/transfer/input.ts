import { base64 } from '@scure/base';
import { TransferError } from './errors.ts';
import type { ImportFormat, ImportInput } from './types.ts';

// Reading untrusted files: every limit is checked before the work it limits, and every way the
// bytes can be wrong ends in a TransferError naming the format.

/** Larger than any real export (10,000 entries of Aegis JSON with icons is about 15 MiB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Entries per file; far above what anyone keeps in an authenticator or a password manager. */
export const MAX_ENTRIES = 10_000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Refuses input above MAX_FILE_BYTES (for text: UTF-16 code units, which UTF-8 never undercuts
 * by much). `format` is null while the format is not known yet (detection).
 */
export function checkSize(input: ImportInput, format: ImportFormat | null): void {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    throw new TransferError(
      format === null ? 'unknown-format' : `not-${format}`,
      'The file must be given as bytes or text',
      format,
    );
  }
  if (input.length > MAX_FILE_BYTES) {
    throw new TransferError('too-large', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, format);
  }
}

export function checkCount(count: number, format: ImportFormat): void {
  if (count > MAX_ENTRIES) {
    throw new TransferError(
      'too-large',
      `The file holds ${count} entries; at most ${MAX_ENTRIES} can be imported at once`,
      format,
    );
  }
}

/** The file as text: UTF-8 (a byte order mark is dropped), size checked first. */
export function readText(input: ImportInput, format: ImportFormat): string {
  checkSize(input, format);
  if (typeof input === 'string') return input.startsWith('\uFEFF') ? input.slice(1) : input;
  try {
    return utf8.decode(input);
  } catch {
    throw new TransferError(`not-${format}`, 'The file is not text (not UTF-8)', format);
  }
}

/** The file as bytes. A binary format given as text was decoded on the way in and cannot be trusted. */
export function readBytes(input: ImportInput, format: ImportFormat): Uint8Array {
  checkSize(input, format);
  if (typeof input === 'string') {
    throw new TransferError(`not-${format}`, 'This format is binary: read the file as bytes, not as text', format);
  }
  return input;
}

/**
 * JSON.parse with the failure typed. Text that opens like JSON but does not parse is a damaged
 * file of the format ('malformed'); anything else is another kind of file ('not-<format>').
 */
export function parseJson(text: string, format: ImportFormat): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const start = text.trimStart()[0];
    if (start === '{' || start === '[') {
      throw new TransferError('malformed', 'The file is cut short or damaged: it is not valid JSON', format);
    }
    throw new TransferError(`not-${format}`, 'The file is not JSON', format);
  }
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A member of a parsed JSON object, own properties only (`constructor` or `__proto__` never come from the prototype). */
export function member(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A text member; null, missing or another type reads as ''. */
export function text(object: JsonObject, key: string): string {
  const value = member(object, key);
  return typeof value === 'string' ? value : '';
}

/**
 * A whole-number member: a JSON integer or a string of digits (some writers quote numbers).
 * Missing or null is undefined (the caller's default applies); anything else that is not a safe
 * integer is NaN, which checkOtp refuses with a message naming the field, rather than silently
 * becoming the default.
 */
export function whole(object: JsonObject, key: string): number | undefined {
  const value = member(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return Number.NaN;
}

export function flag(object: JsonObject, key: string): boolean {
  return member(object, key) === true;
}

/** RFC 4648 §4 base64, padding optional. Anything else is a damaged file. */
export function decodeBase64(value: unknown, what: string, format: ImportFormat): Uint8Array {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
    throw new TransferError('malformed', `${what} is not base64`, format);
  }
  const bare = value.replace(/=+$/, '');
  if (bare.length % 4 === 1)
    throw new TransferError('malformed', `${what} is not base64: its length is impossible`, format);
  try {
    return base64.decode(bare.padEnd(Math.ceil(bare.length / 4) * 4, '='));
  } catch {
    throw new TransferError('malformed', `${what} is not base64`, format);
  }
}

export function decodeHex(value: unknown, what: string, format: ImportFormat, length?: number): Uint8Array {
  if (typeof value !== 'string' || value.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(value)) {
    throw new TransferError('malformed', `${what} is not hex`, format);
  }
  const out = new Uint8Array(value.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(value.slice(2 * i, 2 * i + 2), 16);
  if (length !== undefined && out.length !== length) {
    throw new TransferError('malformed', `${what} must be ${length} bytes, not ${out.length}`, format);
  }
  return out;
}

/** The password option: missing or empty means the UI has to ask for it. */
export function requirePassword(password: string | undefined, format: ImportFormat, what: string): string {
  if (typeof password !== 'string' || password === '') {
    throw new TransferError('password-required', `${what} is encrypted: enter its password`, format);
  }
  return password;
}

/** Checks a key-derivation parameter read from a file before any work is done with it. */
export function checkKdfParam(value: unknown, min: number, max: number, what: string, format: ImportFormat): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new TransferError(
      'kdf-params',
      `${what} must be a whole number from ${min} to ${max}, the file has ${describeNumber(value)}`,
      format,
    );
  }
  return value;
}

function describeNumber(value: unknown): string {
  return typeof value === 'number' ? String(value) : describeValue(value);
}

/**
 * A file's value in a message, without trusting it: String() of a JSON object whose toString
 * member is data throws, and a long string would flood the message.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'none';
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
  return Array.isArray(value) ? 'a list' : 'an object';
}
