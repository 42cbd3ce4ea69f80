import { otpCode } from '@tessera/core/otp/code';
import { OtpError } from '@tessera/core/otp/types';
import { describe, expect, it } from 'vitest';
import { AddError } from '../../src/add/errors.ts';
import { defaultKeyForm, otpFromKeyForm, type KeyForm } from '../../src/add/key-form.ts';

// RFC 6238 Appendix B: the SHA1 seed "12345678901234567890" is this base32 key.
const RFC6238_SHA1_KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

function form(patch: Partial<KeyForm>): KeyForm {
  return { ...defaultKeyForm(), ...patch };
}

function refusal(patch: Partial<KeyForm>): Error {
  try {
    otpFromKeyForm(form(patch));
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the form to be refused');
}

describe('otpFromKeyForm', () => {
  it('defaults to TOTP, SHA1, 6 digits, 30 s, and trims the labels', () => {
    const otp = otpFromKeyForm(
      form({ key: 'jbsw y3dp ehpk 3pxp', issuer: ' Example ', account: ' alice@example.com ' }),
    );
    expect(otp).toMatchObject({
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      issuer: 'Example',
      account: 'alice@example.com',
    });
    expect([...otp.secret]).toEqual([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
  });

  it('builds the OTP that gives RFC 6238 Appendix B codes', () => {
    const otp = otpFromKeyForm(form({ key: RFC6238_SHA1_KEY.toLowerCase(), digits: '8' }));
    expect(otpCode(otp, 59_000).code).toBe('94287082');
    expect(otpCode(otp, 1_111_111_109_000).code).toBe('07081804');
  });

  it('fixes Steam to SHA1, 5 characters and 30 s whatever the advanced fields hold', () => {
    const otp = otpFromKeyForm(
      form({ key: RFC6238_SHA1_KEY, type: 'steam', algorithm: 'SHA512', digits: '8', period: '60' }),
    );
    expect(otp).toMatchObject({ type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 });
  });

  it('takes the counter for HOTP only', () => {
    expect(otpFromKeyForm(form({ key: RFC6238_SHA1_KEY, type: 'hotp', counter: '42' })).counter).toBe(42);
    expect(otpFromKeyForm(form({ key: RFC6238_SHA1_KEY, counter: '42' })).counter).toBe(0);
  });

  it('names the field that is out of range', () => {
    const digits = refusal({ key: RFC6238_SHA1_KEY, digits: '9' });
    expect(digits).toBeInstanceOf(AddError);
    expect(digits.message).toBe('Digits must be from 6 to 8; 9 is out of range.');
    expect(refusal({ key: RFC6238_SHA1_KEY, period: '0' }).message).toBe(
      'Period must be from 1 to 3600; 0 is out of range.',
    );
    expect(refusal({ key: RFC6238_SHA1_KEY, period: '30s' }).message).toBe(
      'Period must be a whole number from 1 to 3600.',
    );
    expect(refusal({ key: RFC6238_SHA1_KEY, type: 'hotp', counter: '-1' }).message).toContain(
      'Counter must be a whole number',
    );
    expect(refusal({ key: RFC6238_SHA1_KEY, type: 'hotp', counter: '9007199254740992' }).message).toContain(
      'out of range',
    );
  });

  it('reports a bad key before anything else', () => {
    const e = refusal({ key: 'JBSW0', digits: '99' });
    expect((e as AddError).code).toBe('key-character');
  });

  it('leaves the final word on the OTP to core', () => {
    // A key of only padding-free zero bits still decodes; core refuses nothing here, but an
    // oversized secret is core's to refuse.
    const e = refusal({ key: 'A'.repeat(1640) });
    expect(e).toBeInstanceOf(OtpError);
    expect((e as OtpError).code).toBe('invalid-secret');
  });
});
