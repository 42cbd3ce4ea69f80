import { describe, expect, it } from 'vitest';
import { hotp } from '../../src/otp/hotp.ts';
import { timeStep, totp } from '../../src/otp/totp.ts';
import type { OtpAlgorithm } from '../../src/otp/types.ts';
import { ascii } from './helpers.ts';
import rfc6238 from './vectors/rfc6238-totp.json' with { type: 'json' };

describe('totp (RFC 6238)', () => {
  it('uses the seed lengths of the errata (20, 32 and 64 bytes)', () => {
    expect(ascii(rfc6238.seedsAscii.SHA1)).toHaveLength(20);
    expect(ascii(rfc6238.seedsAscii.SHA256)).toHaveLength(32);
    expect(ascii(rfc6238.seedsAscii.SHA512)).toHaveLength(64);
  });

  for (const c of rfc6238.cases) {
    it(`Appendix B: ${c.algorithm} at ${c.time} s is step 0x${c.step} and gives ${c.totp}`, () => {
      const algorithm = c.algorithm as OtpAlgorithm;
      const secret = ascii(rfc6238.seedsAscii[algorithm]);
      expect(timeStep(c.time, rfc6238.period)).toBe(Number.parseInt(c.step, 16));
      expect(totp(secret, c.time, { algorithm, digits: rfc6238.digits, period: rfc6238.period })).toBe(c.totp);
    });
  }

  it('defaults to SHA1, 6 digits, 30 s', () => {
    const secret = ascii(rfc6238.seedsAscii.SHA1);
    expect(totp(secret, 59)).toBe('287082');
    expect(totp(secret, 1111111109)).toBe('081804');
    expect(timeStep(59)).toBe(1);
  });

  it('floors fractional seconds and counts from the Unix epoch', () => {
    const secret = ascii(rfc6238.seedsAscii.SHA1);
    expect(timeStep(29.999, 30)).toBe(0);
    expect(timeStep(30, 30)).toBe(1);
    expect(totp(secret, 59.999, { digits: 8 })).toBe('94287082');
    expect(totp(secret, 60, { digits: 8 })).not.toBe('94287082');
  });

  it('takes any period from 1 s up, with time steps past 2^32', () => {
    const secret = ascii(rfc6238.seedsAscii.SHA1);
    const t = 2 ** 32 + 17;
    expect(timeStep(t, 1)).toBe(t);
    expect(totp(secret, t, { period: 1 })).toBe(hotp(secret, t));
    expect(totp(secret, 20000000000, { period: 1, digits: 8 })).toBe(hotp(secret, 20000000000, { digits: 8 }));
    expect(totp(secret, 1234567890, { period: 86400 })).toBe(hotp(secret, 14288));
    expect(totp(secret, 1234567890, { period: 7 })).toBe(hotp(secret, Math.floor(1234567890 / 7)));
  });

  it('refuses bad periods and times with typed errors', () => {
    const secret = ascii(rfc6238.seedsAscii.SHA1);
    for (const period of [0, -30, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => totp(secret, 59, { period })).toThrowError(expect.objectContaining({ code: 'period-out-of-range' }));
    }
    for (const time of [-1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => totp(secret, time)).toThrowError(expect.objectContaining({ code: 'invalid-time' }));
    }
  });
});
