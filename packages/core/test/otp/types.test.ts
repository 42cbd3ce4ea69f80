import { describe, expect, it } from 'vitest';
import { TesseraError } from '../../src/errors.ts';
import { checkOtp, OtpError, type Otp } from '../../src/otp/types.ts';

const good: Otp = {
  type: 'totp',
  secret: new Uint8Array(10).fill(1),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer: 'A',
  account: 'b',
};

describe('checkOtp', () => {
  it('returns a valid otp unchanged', () => {
    expect(checkOtp(good)).toBe(good);
    expect(checkOtp({ ...good, type: 'hotp', counter: 2 ** 53 - 1, digits: 8 })).toBeTruthy();
    expect(checkOtp({ ...good, type: 'steam', digits: 5 })).toBeTruthy();
    expect(checkOtp({ ...good, period: 1, digits: 7, algorithm: 'SHA512' })).toBeTruthy();
  });

  it('refuses each out-of-range field with its own code', () => {
    const cases: [Partial<Otp>, string][] = [
      [{ type: 'motp' as Otp['type'] }, 'unknown-type'],
      [{ secret: new Uint8Array(0) }, 'invalid-secret'],
      [{ secret: new Uint8Array(1025) }, 'invalid-secret'],
      [{ algorithm: 'MD5' as Otp['algorithm'] }, 'unsupported-algorithm'],
      [{ digits: 5 }, 'digits-out-of-range'],
      [{ digits: 9 }, 'digits-out-of-range'],
      [{ period: 0 }, 'period-out-of-range'],
      [{ period: 2.5 }, 'period-out-of-range'],
      [{ counter: 1 }, 'invalid-counter'],
      [{ type: 'hotp', counter: -1 }, 'invalid-counter'],
      [{ type: 'hotp', counter: 2 ** 53 }, 'invalid-counter'],
      [{ type: 'steam', digits: 6 }, 'digits-out-of-range'],
      [{ type: 'steam', digits: 5, algorithm: 'SHA256' }, 'unsupported-algorithm'],
      [{ type: 'steam', digits: 5, period: 60 }, 'period-out-of-range'],
      [{ issuer: undefined as unknown as string }, 'bad-label'],
    ];
    expect(() => checkOtp(null as unknown as Otp)).toThrowError(expect.objectContaining({ code: 'unknown-type' }));
    for (const [patch, code] of cases) {
      let error: unknown;
      try {
        checkOtp({ ...good, ...patch });
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(patch)).toBeInstanceOf(OtpError);
      expect(error).toBeInstanceOf(TesseraError);
      expect((error as OtpError).code).toBe(code);
    }
  });
});
