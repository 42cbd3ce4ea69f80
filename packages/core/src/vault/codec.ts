import * as v from 'valibot';
import { base32Encode } from '../otp/base32.ts';
import { canonicalJson, type JsonValue } from './canonical.ts';
import {
  RECORD_VERSION,
  RecordError,
  describeIssue,
  recordSchema,
  type Field,
  type OtpConfig,
  type VaultRecord,
} from './record.ts';

// Far above the largest valid record (64 KiB of notes, 4 KiB fields, 64 tags): anything bigger is
// refused before JSON.parse spends time on it.
export const MAX_RECORD_BYTES = 262_144;

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

export function otpConfigJson(config: OtpConfig | null): JsonValue {
  if (config === null) return null;
  return {
    type: config.type,
    secret: base32Encode(config.secret),
    algorithm: config.algorithm,
    digits: config.digits,
    period: config.period,
  };
}

function fieldJson(field: Field<string | boolean | string[]>): JsonValue {
  return { value: Array.isArray(field.value) ? [...field.value] : field.value, at: field.at };
}

// The JSON form of docs/core/vault.md, before canonical ordering.
export function recordJson(record: VaultRecord): JsonValue {
  return {
    v: record.v,
    id: record.id,
    rev: record.rev,
    created: record.created,
    title: fieldJson(record.title),
    url: fieldJson(record.url),
    username: fieldJson(record.username),
    password: fieldJson(record.password),
    notes: fieldJson(record.notes),
    tags: fieldJson(record.tags),
    favourite: fieldJson(record.favourite),
    otp: {
      value: otpConfigJson(record.otp.value),
      at: record.otp.at,
      counter: record.otp.counter,
      counterAt: record.otp.counterAt,
    },
    issuer: fieldJson(record.issuer),
    account: fieldJson(record.account),
    deleted: fieldJson(record.deleted),
  };
}

// RFC 8785 canonical JSON in UTF-8: the same record always gives the same bytes, on any device.
export function encodeRecord(record: VaultRecord): Uint8Array {
  return encoder.encode(canonicalJson(recordJson(record)));
}

export function decodeRecord(bytes: Uint8Array): VaultRecord {
  if (!(bytes instanceof Uint8Array)) {
    throw new RecordError('corrupt-item', 'A record is a byte array', 'invalid-field');
  }
  if (bytes.length > MAX_RECORD_BYTES) {
    throw new RecordError('corrupt-item', `A record is larger than ${MAX_RECORD_BYTES} bytes`, 'too-large');
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new RecordError('corrupt-item', 'A record is not UTF-8 text', 'not-utf8');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RecordError('corrupt-item', 'A record is not JSON', 'not-json');
  }
  // A newer client's record is not damage: say so, so the app can ask to be updated.
  if (typeof json === 'object' && json !== null && 'v' in json && json.v !== RECORD_VERSION) {
    throw new RecordError(
      'corrupt-item',
      `Record version ${canonicalVersion(json.v)} is not supported`,
      'unsupported-version',
    );
  }
  const result = v.safeParse(recordSchema, json, { abortEarly: true, message: describeIssue });
  if (!result.success) {
    const issue = result.issues[0];
    const path = v.getDotPath(issue) ?? 'record';
    throw new RecordError('corrupt-item', `Record field ${path} ${issue.message}`, 'invalid-field');
  }
  const record: VaultRecord = result.output;
  return record;
}

function canonicalVersion(version: unknown): string {
  return typeof version === 'number' && Number.isSafeInteger(version) ? String(version) : 'of unknown form';
}
