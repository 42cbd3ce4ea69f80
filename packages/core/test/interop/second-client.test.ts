import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/crypto/bytes.ts';
import { passwordBytes } from '../../src/crypto/kdf.ts';
import { IdSchema } from '../../src/sync/protocol.ts';
import { decodeRecord, encodeRecord } from '../../src/vault/codec.ts';
import { mergeRecords } from '../../src/vault/merge.ts';

// The answers docs/vault-format.md ("For a second client") gives, as bytes a client written in
// another language can check itself against: the password's NFKC form, that any valid JSON
// form of a record reads the same, that a merge keeps the higher rev (no new revision), and
// which ids the API takes.
interface Vectors {
  passwordNfkc: { codePoints: string; password: string; utf8Hex: string }[];
  nonCanonicalRecord: { inputs: string[]; canonical: string };
  merge: { a: string; b: string; merged: string };
  ids: { valid: string[]; invalid: string[] };
}

const vectors = JSON.parse(readFileSync(new URL('./second-client.json', import.meta.url), 'utf8')) as Vectors;
const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('second-client conformance vectors', () => {
  it('passwords: NFKC, then UTF-8 (the code points in the file are the input)', () => {
    for (const { codePoints, password, utf8Hex } of vectors.passwordNfkc) {
      const fromPoints = String.fromCodePoint(
        ...codePoints.split(' ').map((point) => Number.parseInt(point.slice(2), 16)),
      );
      expect(fromPoints, codePoints).toBe(password);
      expect(toHex(passwordBytes(fromPoints)), codePoints).toBe(utf8Hex);
    }
  });

  it('records: any key order and whitespace read the same; Tessera writes the canonical bytes', () => {
    for (const input of vectors.nonCanonicalRecord.inputs) {
      expect(input).not.toBe(vectors.nonCanonicalRecord.canonical);
      expect(text(encodeRecord(decodeRecord(utf8(input))))).toBe(vectors.nonCanonicalRecord.canonical);
    }
  });

  it('merge: both edits kept, rev is the higher of the two (a merge is not a new revision)', () => {
    const a = decodeRecord(utf8(vectors.merge.a));
    const b = decodeRecord(utf8(vectors.merge.b));
    const merged = mergeRecords(a, b);
    expect(text(encodeRecord(merged))).toBe(vectors.merge.merged);
    expect(text(encodeRecord(mergeRecords(b, a)))).toBe(vectors.merge.merged);
    expect(merged.rev).toBe(Math.max(a.rev, b.rev));
  });

  it('ids: exactly 22 base64url characters', () => {
    for (const id of vectors.ids.valid) expect(v.safeParse(IdSchema, id).success, id).toBe(true);
    for (const id of vectors.ids.invalid) expect(v.safeParse(IdSchema, id).success, id).toBe(false);
  });
});
