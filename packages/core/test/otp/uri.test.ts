import { describe, expect, it } from 'vitest';
import { formatOtpUri, parseOtpUri } from '../../src/otp/uri.ts';
import { OtpError, type Otp } from '../../src/otp/types.ts';
import { otpFromVector } from './helpers.ts';
import vectors from './vectors/otpauth-uris.json' with { type: 'json' };

describe('parseOtpUri', () => {
  for (const c of vectors.parse) {
    it(c.note, () => {
      expect(parseOtpUri(c.uri)).toEqual(otpFromVector(c.otp));
    });
  }

  it('has an error case for every URI error code', () => {
    const codes = new Set(vectors.errors.map((c) => c.code));
    for (const code of [
      'not-otpauth-uri',
      'unknown-type',
      'missing-secret',
      'invalid-secret',
      'unsupported-algorithm',
      'digits-out-of-range',
      'period-out-of-range',
      'missing-counter',
      'invalid-counter',
      'bad-label',
      'bad-parameter',
      'duplicate-parameter',
    ]) {
      expect(codes).toContain(code);
    }
  });

  for (const c of vectors.errors) {
    it(`refuses ${JSON.stringify(c.uri)} with ${c.code}`, () => {
      let error: unknown;
      try {
        parseOtpUri(c.uri);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OtpError);
      expect((error as OtpError).code).toBe(c.code);
      if (c.message !== undefined) expect((error as OtpError).message).toContain(c.message);
    });
  }

  it('does not echo the secret in its errors', () => {
    try {
      parseOtpUri('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=12');
    } catch (e) {
      expect((e as Error).message).not.toContain('JBSWY3DPEHPK3PXP');
    }
  });
});

describe('formatOtpUri', () => {
  for (const c of vectors.format) {
    it(c.note, () => {
      const otp = otpFromVector(c.otp);
      expect(formatOtpUri(otp)).toBe(c.uri);
      expect(parseOtpUri(c.uri)).toEqual(otp);
    });
  }

  it('round-trips every parse case through its normal form', () => {
    for (const c of vectors.parse) {
      const otp = parseOtpUri(c.uri);
      expect(parseOtpUri(formatOtpUri(otp))).toEqual(otp);
    }
  });

  it('refuses an otp that does not check out, and text that is not Unicode', () => {
    const otp: Otp = otpFromVector(vectors.format[0]!.otp);
    expect(() => formatOtpUri({ ...otp, digits: 4 })).toThrowError(
      expect.objectContaining({ code: 'digits-out-of-range' }),
    );
    expect(() => formatOtpUri({ ...otp, account: 'a\ud800b' })).toThrowError(
      expect.objectContaining({ code: 'bad-label' }),
    );
  });
});
