import { describe, expect, it } from 'vitest';
import { isTesseraError } from '@tessera/core/errors';
import { EMPTY_OTP_DRAFT, otpFromDraft, parseTags } from '../src/lib/otp-form.ts';

describe('otpFromDraft', () => {
  it('reads a setup key typed with spaces, dashes and lower case', () => {
    const otp = otpFromDraft({ ...EMPTY_OTP_DRAFT, key: 'jbsw y3dp-ehpk 3pxp', issuer: ' Example ', account: 'ada' });
    expect(otp).toMatchObject({
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      issuer: 'Example',
      account: 'ada',
    });
    expect([...otp.secret]).toEqual([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
  });
  it('takes a pasted otpauth:// link, names typed beside it winning', () => {
    const otp = otpFromDraft({
      ...EMPTY_OTP_DRAFT,
      key: 'otpauth://hotp/ACME:ada?secret=JBSWY3DPEHPK3PXP&counter=7&issuer=ACME',
      account: 'ada@acme.example',
    });
    expect(otp).toMatchObject({ type: 'hotp', counter: 7, issuer: 'ACME', account: 'ada@acme.example' });
  });
  it('fixes Steam to SHA1, 5 characters, 30 s', () => {
    expect(
      otpFromDraft({
        ...EMPTY_OTP_DRAFT,
        key: 'JBSWY3DPEHPK3PXP',
        type: 'steam',
        digits: 8,
        algorithm: 'SHA512',
        period: 60,
      }),
    ).toMatchObject({ type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 });
  });
  it('names the bad character of a setup key, and refuses an empty one', () => {
    let error: unknown;
    try {
      otpFromDraft({ ...EMPTY_OTP_DRAFT, key: 'JBSW1' });
    } catch (e) {
      error = e;
    }
    expect(isTesseraError(error, 'base32-invalid')).toBe(true);
    expect(() => otpFromDraft({ ...EMPTY_OTP_DRAFT, key: '   ' })).toThrow(/setup key/);
    expect(() => otpFromDraft({ ...EMPTY_OTP_DRAFT, key: 'JBSWY3DPEHPK3PXP', digits: 9 })).toThrow();
  });
});

describe('parseTags', () => {
  it('splits on commas, trims, drops empties and repeats', () => {
    expect(parseTags('work, finance ,, work,  2fa ')).toEqual(['work', 'finance', '2fa']);
    expect(parseTags('Work, work, WORK, home')).toEqual(['Work', 'home']);
  });
});
