import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/otp/base32.ts';
import { isTesseraError } from '../../src/errors.ts';
import { decodeRecord, encodeRecord, MAX_RECORD_BYTES } from '../../src/vault/codec.ts';
import { advanceHotp, createRecord, updateRecord } from '../../src/vault/edit.ts';
import { HybridClock } from '../../src/vault/hlc.ts';
import { RecordError, type VaultRecord } from '../../src/vault/record.ts';
import { recordArb } from './arbitraries.ts';

const T0 = Date.UTC(2026, 10, 22, 10, 15, 30, 123);
const PHONE = 'p7Hc0ZkQm2VwX9sLr4TnAg';
const LAPTOP = 'L1aP9tQzV3xR8mWk2cYdBe';
const ON_PHONE = `2026-11-22T10:15:30.123Z-0000-${PHONE}`;
const ON_LAPTOP = `2026-11-22T10:17:00.123Z-0000-${LAPTOP}`;

const vector = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./vectors/${name}`, import.meta.url)));
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const bytes = (json: string): Uint8Array => new TextEncoder().encode(json);

// The record of docs/core/vault.md, written out by hand: created on a phone, then a laptop
// added notes and marked it favourite.
const GITHUB: VaultRecord = {
  v: 1,
  id: 'yQ3xk2mGz4Vd1oW8pLr7aA',
  rev: 2,
  created: ON_PHONE,
  title: { value: 'GitHub', at: ON_PHONE },
  url: { value: 'https://github.com/login', at: ON_PHONE },
  username: { value: 'alice', at: ON_PHONE },
  password: { value: 'correct horse battery staple', at: ON_PHONE },
  notes: { value: 'Recovery codes are in the safe.', at: ON_LAPTOP },
  tags: { value: ['work', 'dev'], at: ON_PHONE },
  favourite: { value: true, at: ON_LAPTOP },
  otp: {
    value: { type: 'totp', secret: base32Decode('JBSWY3DPEHPK3PXP'), algorithm: 'SHA1', digits: 6, period: 30 },
    at: ON_PHONE,
    counter: 0,
    counterAt: ON_PHONE,
  },
  issuer: { value: 'GitHub', at: ON_PHONE },
  account: { value: 'alice@example.com', at: ON_PHONE },
  deleted: { value: false, at: ON_PHONE },
};

function corrupt(input: Uint8Array): RecordError {
  try {
    decodeRecord(input);
  } catch (e) {
    if (e instanceof RecordError && e.code === 'corrupt-item') return e;
    throw e;
  }
  throw new Error('decodeRecord accepted a corrupt record');
}

// Edits one value of the docs example and returns the bytes, to test one rule at a time.
function mutate(edit: (json: Record<string, any>) => void): Uint8Array {
  const json = JSON.parse(text(vector('record-github-totp.json')));
  edit(json);
  return bytes(JSON.stringify(json));
}

describe('encodeRecord', () => {
  it('writes the documented example byte for byte', () => {
    expect(text(encodeRecord(GITHUB))).toBe(text(vector('record-github-totp.json')));
  });

  it('gives the same bytes as the edits that made the example', () => {
    const phone = new HybridClock(PHONE, () => T0);
    const created = createRecord(
      {
        title: 'GitHub',
        url: 'https://github.com/login',
        username: 'alice',
        password: 'correct horse battery staple',
        tags: ['work', 'dev'],
        otp: {
          type: 'totp',
          secret: base32Decode('JBSWY3DPEHPK3PXP'),
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
          issuer: 'GitHub',
          account: 'alice@example.com',
        },
      },
      phone,
      'yQ3xk2mGz4Vd1oW8pLr7aA',
    );
    const laptop = new HybridClock(LAPTOP, () => T0 + 90_000);
    const edited = updateRecord(created, { notes: 'Recovery codes are in the safe.', favourite: true }, laptop);
    expect(encodeRecord(edited)).toEqual(vector('record-github-totp.json'));
  });

  it('writes an OTP-only hotp record with its counter', () => {
    let now = T0;
    const phone = new HybridClock(PHONE, () => now);
    let record = createRecord(
      {
        otp: {
          type: 'hotp',
          secret: base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
          issuer: 'Example',
          account: 'bob',
        },
      },
      phone,
      'Hk2n0bVq8sX1rT4yWm6cEw',
    );
    now += 5000;
    record = advanceHotp(record, phone);
    now += 5000;
    record = advanceHotp(record, phone);
    expect(encodeRecord(record)).toEqual(vector('record-hotp-only.json'));
    expect(text(encodeRecord(record))).toContain('"counter":2,"counterAt":"2026-11-22T10:15:40.123Z-0000-');
  });
});

describe('decodeRecord', () => {
  it('reads the documented example', () => {
    expect(decodeRecord(vector('record-github-totp.json'))).toEqual(GITHUB);
    expect(decodeRecord(vector('record-hotp-only.json')).otp.counter).toBe(2);
  });

  it('reads the same record whatever the key order and spacing', () => {
    const pretty = JSON.stringify(JSON.parse(text(vector('record-github-totp.json'))), null, 2);
    expect(decodeRecord(bytes(pretty))).toEqual(GITHUB);
  });

  it('refuses bytes that are not UTF-8, not JSON or too large', () => {
    expect(corrupt(Uint8Array.of(0x7b, 0xff, 0x7d)).reason).toBe('not-utf8');
    expect(corrupt(bytes('{"v":1,')).reason).toBe('not-json');
    expect(corrupt(new Uint8Array(MAX_RECORD_BYTES + 1)).reason).toBe('too-large');
    expect(corrupt('not bytes' as unknown as Uint8Array).reason).toBe('invalid-field');
  });

  it('names a newer version instead of calling it damage', () => {
    const error = corrupt(mutate((json) => (json.v = 2)));
    expect(error.reason).toBe('unsupported-version');
    expect(error.message).toContain('version 2');
    expect(corrupt(mutate((json) => (json.v = '1'))).reason).toBe('unsupported-version');
    expect(corrupt(mutate((json) => delete json.v)).reason).toBe('invalid-field');
  });

  it.each<[string, (json: Record<string, any>) => void, string]>([
    ['an unknown key', (j) => (j.colour = 'red'), 'colour'],
    ['an unknown key in a field', (j) => (j.title.extra = 1), 'title.extra'],
    ['a missing field', (j) => delete j.password, 'password is missing'],
    ['a bad id', (j) => (j.id = 'has space'), 'id'],
    ['a negative rev', (j) => (j.rev = -1), 'rev'],
    ['a fractional rev', (j) => (j.rev = 1.5), 'rev'],
    ['a bad stamp', (j) => (j.title.at = '2026-11-22'), 'title.at'],
    ['a bad created stamp', (j) => (j.created = 7), 'created'],
    ['a title over 1 KiB', (j) => (j.title.value = 'é'.repeat(513)), 'title.value'],
    ['notes over 64 KiB', (j) => (j.notes.value = 'x'.repeat(65_537)), 'notes.value'],
    ['a username of the wrong type', (j) => (j.username.value = 42), 'username.value'],
    ['65 tags', (j) => (j.tags.value = Array.from({ length: 65 }, (_, i) => `t${i}`)), 'tags.value'],
    ['a tag of 65 characters', (j) => (j.tags.value = ['🔑'.repeat(65)]), 'tags.value.0'],
    ['an empty tag', (j) => (j.tags.value = ['']), 'tags.value.0'],
    ['a repeated tag', (j) => (j.tags.value = ['work', 'work']), 'tags.value'],
    ['a favourite that is not a boolean', (j) => (j.favourite.value = 'yes'), 'favourite.value'],
    ['a lower-case secret', (j) => (j.otp.value.secret = 'jbswy3dpehpk3pxp'), 'otp.value.secret'],
    ['a padded secret', (j) => (j.otp.value.secret = 'JBSWY3DPEHPK3PXP===='), 'otp.value.secret'],
    // "MZXW6YQ" is base32 of "foob"; the last character of "MZXW6YR" sets a bit past the bytes.
    ['a secret with stray bits', (j) => (j.otp.value.secret = 'MZXW6YR'), 'otp.value.secret'],
    ['a secret of impossible length', (j) => (j.otp.value.secret = 'J'), 'otp.value.secret'],
    ['an empty secret', (j) => (j.otp.value.secret = ''), 'otp.value.secret'],
    ['an unknown OTP type', (j) => (j.otp.value.type = 'motp'), 'otp.value.type'],
    ['an unknown algorithm', (j) => (j.otp.value.algorithm = 'MD5'), 'otp.value.algorithm'],
    ['9 digits', (j) => (j.otp.value.digits = 9), 'otp.value'],
    ['period 0', (j) => (j.otp.value.period = 0), 'otp.value'],
    ['steam with 6 digits', (j) => (j.otp.value.type = 'steam'), 'otp.value'],
    ['a counter on a totp', (j) => (j.otp.counter = 3), 'otp'],
    ['a negative counter', (j) => (j.otp.counter = -1), 'otp.counter'],
    ['a missing counterAt', (j) => delete j.otp.counterAt, 'otp.counterAt'],
    ['an issuer over 1 KiB', (j) => (j.issuer.value = 'x'.repeat(1025)), 'issuer.value'],
    ['a deleted flag that is null', (j) => (j.deleted.value = null), 'deleted.value'],
  ])('refuses %s and says where', (_, edit, path) => {
    const error = corrupt(mutate(edit));
    expect(error.reason).toBe('invalid-field');
    expect(error.message).toContain(`Record field ${path}`);
  });

  it('takes text up to its limit in UTF-8 bytes, whatever the characters', () => {
    // One to four bytes a character, and a lone surrogate (three bytes as U+FFFD), around the
    // title's 1,024 bytes: the short cut for short text must not change an answer near the edge.
    const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'é', '€', '😀', '\ud800'), { minLength: 250, maxLength: 1100 }),
        (chars) => {
          const title = chars.join('');
          const input = mutate((j) => (j.title.value = title));
          if (utf8Bytes(title) <= 1024) expect(decodeRecord(input).title.value).toBe(title);
          else expect(corrupt(input).message).toContain('Record field title.value is longer than 1024 UTF-8 bytes');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses JSON values that are not an object', () => {
    for (const json of ['null', '[]', '"record"', '1', 'true']) {
      expect(corrupt(bytes(json)).reason).toBe('invalid-field');
    }
  });

  it('does not repeat field contents in its messages', () => {
    const secretError = corrupt(mutate((j) => (j.otp.value.secret = 'jbswy3dpehpk3pxp')));
    expect(secretError.message.toLowerCase()).not.toContain('jbswy3dpehpk3pxp');
    const passwordError = corrupt(mutate((j) => (j.password.value = ['hunter2'])));
    expect(passwordError.message).not.toContain('hunter2');
    const typeError = corrupt(mutate((j) => (j.otp.value.algorithm = 'hunter2')));
    expect(typeError.message).not.toContain('hunter2');
  });

  it('accepts a record with no OTP and a hotp counter only on hotp', () => {
    const noOtp = decodeRecord(mutate((j) => (j.otp = { value: null, at: j.otp.at, counter: 0, counterAt: j.otp.at })));
    expect(noOtp.otp.value).toBeNull();
    const hotp = decodeRecord(
      mutate((j) => Object.assign(j.otp, { counter: 41 }, { value: { ...j.otp.value, type: 'hotp' } })),
    );
    expect(hotp.otp.counter).toBe(41);
  });
});

describe('codec properties', () => {
  it('round-trips any record: same bytes, same value', () => {
    fc.assert(
      fc.property(recordArb(), (record) => {
        const encoded = encodeRecord(record);
        const decoded = decodeRecord(encoded);
        expect(decoded).toEqual(record);
        expect(encodeRecord(decoded)).toEqual(encoded);
      }),
    );
  });

  it('throws only RecordError corrupt-item on mangled bytes', () => {
    const base = vector('record-github-totp.json');
    const mangle = fc.oneof(
      fc.record({ at: fc.nat(base.length - 1), byte: fc.integer({ min: 0, max: 255 }) }).map(({ at, byte }) => {
        const copy = base.slice();
        copy[at] = byte;
        return copy;
      }),
      fc.nat(base.length).map((n) => base.slice(0, n)),
      fc.record({ at: fc.nat(base.length), junk: fc.uint8Array({ maxLength: 16 }) }).map(({ at, junk }) => {
        const copy = new Uint8Array(base.length + junk.length);
        copy.set(base.subarray(0, at));
        copy.set(junk, at);
        copy.set(base.subarray(at), at + junk.length);
        return copy;
      }),
      fc.uint8Array({ maxLength: 64 }),
    );
    fc.assert(
      fc.property(mangle, (input) => {
        try {
          decodeRecord(input);
        } catch (e) {
          expect(isTesseraError(e, 'corrupt-item')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('throws only RecordError corrupt-item when any value of a record is replaced by any JSON', () => {
    const base = JSON.parse(text(vector('record-github-totp.json')));
    const paths: string[][] = [];
    const walk = (value: unknown, path: string[]): void => {
      paths.push(path);
      if (typeof value === 'object' && value !== null) {
        for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
      }
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), (path, replacement) => {
        const json = structuredClone(base);
        let parent = json;
        for (const key of path.slice(0, -1)) parent = parent[key];
        parent[path[path.length - 1]!] = replacement;
        try {
          decodeRecord(bytes(JSON.stringify(json)));
        } catch (e) {
          expect(isTesseraError(e, 'corrupt-item')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('throws only RecordError corrupt-item on any JSON document', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        expect(() => decodeRecord(bytes(JSON.stringify(json)))).toThrow(RecordError);
      }),
    );
  });
});
