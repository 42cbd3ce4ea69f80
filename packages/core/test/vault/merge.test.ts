import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/otp/base32.ts';
import type { Otp } from '../../src/otp/types.ts';
import { isTesseraError } from '../../src/errors.ts';
import { decodeRecord, encodeRecord } from '../../src/vault/codec.ts';
import { advanceHotp, createRecord, updateRecord } from '../../src/vault/edit.ts';
import { formatStamp, HybridClock } from '../../src/vault/hlc.ts';
import { mergeRecords } from '../../src/vault/merge.ts';
import type { VaultRecord } from '../../src/vault/record.ts';
import { recordArb } from './arbitraries.ts';

const T0 = Date.UTC(2026, 10, 22, 10, 15, 30, 123);
const text = (record: VaultRecord): string => new TextDecoder().decode(encodeRecord(record));

const hotp = (over: Partial<Otp> = {}): Otp => ({
  type: 'hotp',
  secret: base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer: 'Example',
  account: 'bob',
  ...over,
});

function devices() {
  const now = { phone: T0, laptop: T0 };
  return {
    now,
    phone: new HybridClock('phone', () => now.phone),
    laptop: new HybridClock('laptop', () => now.laptop),
  };
}

describe('mergeRecords', () => {
  it('keeps edits of different fields made on two devices', () => {
    const d = devices();
    const base = createRecord({ title: 'Mail', username: 'alice' }, d.phone, 'rec1');
    d.now.phone += 1000;
    d.now.laptop += 1000;
    const a = updateRecord(base, { title: 'Work mail' }, d.phone);
    const b = updateRecord(base, { username: 'alice.smith', favourite: true }, d.laptop);
    const merged = mergeRecords(a, b);
    expect(merged.title.value).toBe('Work mail');
    expect(merged.username.value).toBe('alice.smith');
    expect(merged.favourite.value).toBe(true);
    expect(merged.rev).toBe(2);
  });

  it('lets the later stamp win an edit of the same field', () => {
    const d = devices();
    const base = createRecord({ password: 'one' }, d.phone, 'rec1');
    d.now.phone += 1000;
    d.now.laptop += 2000;
    const a = updateRecord(base, { password: 'two' }, d.phone);
    const b = updateRecord(base, { password: 'three' }, d.laptop);
    expect(mergeRecords(a, b).password.value).toBe('three');
    expect(mergeRecords(b, a).password.value).toBe('three');
  });

  it('breaks a tie of equal stamps by the canonical JSON of the value, in either order', () => {
    const d = devices();
    const base = createRecord({}, d.phone, 'rec1');
    const at = formatStamp({ wall: T0 + 5, counter: 0, device: 'phone' });
    const a: VaultRecord = { ...base, tags: { value: ['b'], at } };
    const b: VaultRecord = { ...base, tags: { value: ['a', 'z'], at } };
    expect(mergeRecords(a, b).tags.value).toEqual(['b']);
    expect(mergeRecords(b, a).tags.value).toEqual(['b']);
  });

  it('merges a hotp counter by max', () => {
    const d = devices();
    const base = createRecord({ otp: hotp() }, d.phone, 'rec1');
    let a = base;
    let b = base;
    for (let i = 0; i < 3; i++) a = advanceHotp(a, d.phone);
    for (let i = 0; i < 5; i++) b = advanceHotp(b, d.laptop);
    expect(mergeRecords(a, b).otp.counter).toBe(5);
    expect(mergeRecords(b, a).otp.counter).toBe(5);
  });

  it('never mixes two OTP configurations', () => {
    const d = devices();
    const base = createRecord({ otp: hotp() }, d.phone, 'rec1');
    d.now.phone += 1000;
    d.now.laptop += 2000;
    const a = updateRecord(base, { otp: hotp({ digits: 8 }) }, d.phone);
    const b = updateRecord(
      base,
      { otp: hotp({ algorithm: 'SHA256', secret: base32Decode('JBSWY3DPEHPK3PXP') }) },
      d.laptop,
    );
    const merged = mergeRecords(a, b).otp.value;
    expect(merged).toEqual({
      type: 'hotp',
      secret: base32Decode('JBSWY3DPEHPK3PXP'),
      algorithm: 'SHA256',
      digits: 6,
      period: 30,
    });
  });

  it('starts the count again with a new secret, even if the old one was used more', () => {
    const d = devices();
    const base = createRecord({ otp: hotp() }, d.phone, 'rec1');
    let used = base;
    for (let i = 0; i < 9; i++) used = advanceHotp(used, d.phone);
    d.now.laptop += 1000;
    const rekeyed = updateRecord(
      base,
      { otp: hotp({ secret: base32Decode('JBSWY3DPEHPK3PXP'), counter: 0 }) },
      d.laptop,
    );
    const merged = mergeRecords(used, rekeyed);
    expect(merged.otp.value?.secret).toEqual(base32Decode('JBSWY3DPEHPK3PXP'));
    expect(merged.otp.counter).toBe(0);
  });

  it('keeps the highest rev and the earliest creation stamp', () => {
    const d = devices();
    d.now.laptop -= 1000;
    const a = createRecord({ title: 'a' }, d.phone, 'same');
    const b = { ...createRecord({ title: 'b' }, d.laptop, 'same'), rev: 7 };
    const merged = mergeRecords(a, b);
    expect(merged.rev).toBe(7);
    expect(merged.created).toBe(b.created);
    expect(merged.title.value).toBe('a');
  });

  it('refuses to merge two different records', () => {
    const d = devices();
    let caught: unknown;
    try {
      mergeRecords(createRecord({}, d.phone, 'one'), createRecord({}, d.phone, 'two'));
    } catch (e) {
      caught = e;
    }
    expect(isTesseraError(caught, 'record-id-mismatch')).toBe(true);
  });
});

describe('mergeRecords is a join', () => {
  const records = recordArb('rec-1');

  it('is commutative', () => {
    fc.assert(
      fc.property(records, records, (a, b) => {
        expect(text(mergeRecords(a, b))).toBe(text(mergeRecords(b, a)));
      }),
      { numRuns: 500 },
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(records, records, records, (a, b, c) => {
        expect(text(mergeRecords(mergeRecords(a, b), c))).toBe(text(mergeRecords(a, mergeRecords(b, c))));
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(records, records, (a, b) => {
        expect(text(mergeRecords(a, a))).toBe(text(a));
        const ab = mergeRecords(a, b);
        expect(text(mergeRecords(ab, b))).toBe(text(ab));
      }),
      { numRuns: 500 },
    );
  });

  it('gives a record the schema accepts', () => {
    fc.assert(
      fc.property(records, records, (a, b) => {
        const merged = mergeRecords(a, b);
        expect(decodeRecord(encodeRecord(merged))).toEqual(merged);
      }),
    );
  });
});
