import { describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/otp/base32.ts';
import { isTesseraError } from '../../src/errors.ts';
import { checkRecordInput } from '../../src/vault/input.ts';
import type { RecordInput } from '../../src/vault/record.ts';

function code(input: unknown): string | undefined {
  try {
    checkRecordInput(input as RecordInput);
  } catch (e) {
    return isTesseraError(e) ? e.code : `untyped ${String(e)}`;
  }
  return undefined;
}

describe('checkRecordInput', () => {
  it('passes only the fields that were given, tags tidied', () => {
    expect(checkRecordInput({ title: 'Mail', tags: [' b', 'a', 'b '] })).toEqual({ title: 'Mail', tags: ['b', 'a'] });
    expect(checkRecordInput({})).toEqual({});
    expect(checkRecordInput({ otp: null, favourite: false })).toEqual({ otp: null, favourite: false });
  });

  it('accepts values right at the bounds', () => {
    const input: RecordInput = {
      title: 'é'.repeat(512),
      notes: 'x'.repeat(65_536),
      tags: Array.from({ length: 64 }, (_, i) => `${i}`.padEnd(64, '🔑')),
      otp: {
        type: 'steam',
        secret: base32Decode('JBSWY3DPEHPK3PXP'),
        algorithm: 'SHA1',
        digits: 5,
        period: 30,
        counter: 0,
        issuer: 'x'.repeat(1024),
        account: '',
      },
    };
    expect(checkRecordInput(input).tags).toHaveLength(64);
  });

  it('refuses anything else with a typed error', () => {
    expect(code(undefined)).toBe('record-invalid');
    expect(code('title')).toBe('record-invalid');
    expect(code({ title: 'é'.repeat(513) })).toBe('record-invalid');
    expect(code({ url: null })).toBe('record-invalid');
    expect(code({ tags: 'work' })).toBe('record-invalid');
    expect(code({ tags: ['x'.repeat(65)] })).toBe('record-invalid');
    expect(code({ favourite: 1 })).toBe('record-invalid');
    expect(code({ otp: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' })).toBe('unknown-type');
    expect(code({ otp: { type: 'totp', secret: 'JBSWY3DPEHPK3PXP' } })).toBe('invalid-secret');
  });

  it('names the field without repeating its value', () => {
    try {
      checkRecordInput({ password: 'p'.repeat(5000) });
    } catch (e) {
      expect((e as Error).message).toContain('password');
      expect((e as Error).message).not.toContain('ppp');
    }
    expect.assertions(2);
  });
});
