import { describe, expect, it } from 'vitest';
import { otpCode } from '../../src/otp/code.ts';
import { base32Decode } from '../../src/otp/base32.ts';
import type { Otp } from '../../src/otp/types.ts';
import { ascii } from './helpers.ts';

const rfcTotp: Otp = {
  type: 'totp',
  secret: ascii('12345678901234567890'),
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  counter: 0,
  issuer: '',
  account: '',
};

describe('otpCode', () => {
  it('shows the current code, the next one and the seconds left (RFC 6238 Appendix B)', () => {
    // 1111111109 s is step 0x23523EC (07081804); 1111111111 s is the next step (14050471).
    expect(otpCode(rfcTotp, 1111111109_000)).toEqual({
      code: '07081804',
      next: '14050471',
      secondsLeft: 1,
      period: 30,
    });
    expect(otpCode(rfcTotp, 1111111110_000)).toEqual({
      code: '14050471',
      next: expect.any(String),
      secondsLeft: 30,
      period: 30,
    });
    expect(otpCode(rfcTotp, 1111111110_001).secondsLeft).toBe(30);
    expect(otpCode(rfcTotp, 1111111139_000).secondsLeft).toBe(1);
    expect(otpCode(rfcTotp, 1111111139_999)).toMatchObject({ code: '14050471', secondsLeft: 1 });
  });

  it('adds the clock offset before picking the step', () => {
    // A device 2 s slow (offset +2000 ms) at 1111111108 s shows what the server sees at 1111111110 s.
    expect(otpCode(rfcTotp, 1111111108_000, 2000)).toEqual(otpCode(rfcTotp, 1111111110_000));
    expect(otpCode(rfcTotp, 1111111112_000, -3000)).toEqual(otpCode(rfcTotp, 1111111109_000));
  });

  it('uses the period of the otp', () => {
    const otp = { ...rfcTotp, period: 60, digits: 6 };
    const at = otpCode(otp, 120_000 + 45_500);
    expect(at.period).toBe(60);
    expect(at.secondsLeft).toBe(15);
    expect(otpCode(otp, 180_000).code).toBe(at.next);
  });

  it('counts the hotp counter instead of time', () => {
    const otp: Otp = { ...rfcTotp, type: 'hotp', digits: 6, counter: 3 };
    // RFC 4226 Appendix D counters 3 and 4.
    expect(otpCode(otp, 0)).toEqual({ code: '969429', next: '338314', secondsLeft: null, period: null });
    expect(otpCode(otp, 5_000_000)).toEqual(otpCode(otp, 0));
  });

  it('shows steam codes', () => {
    const otp: Otp = { ...rfcTotp, type: 'steam', secret: base32Decode('63BEDWCQZKTQWPESARIERL5DTTQFCJTK'), digits: 5 };
    const at = otpCode(otp, 1511200518_000);
    expect(at).toMatchObject({ code: 'FR8RV', period: 30, secondsLeft: 30 - (1511200518 % 30) });
    expect(otpCode(otp, 1511200714_000).code).toBe('9P3VP');
  });

  it('refuses an otp that does not check out, and times before 1970', () => {
    expect(() => otpCode({ ...rfcTotp, digits: 9 }, 0)).toThrowError(
      expect.objectContaining({ code: 'digits-out-of-range' }),
    );
    expect(() => otpCode(rfcTotp, 1000, -2000)).toThrowError(expect.objectContaining({ code: 'invalid-time' }));
    expect(() => otpCode(rfcTotp, Number.NaN)).toThrowError(expect.objectContaining({ code: 'invalid-time' }));
  });
});
