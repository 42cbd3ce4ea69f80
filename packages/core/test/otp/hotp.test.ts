import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hotp, truncatedHmac } from '../../src/otp/hotp.ts';
import type { OtpAlgorithm } from '../../src/otp/types.ts';
import { ascii } from './helpers.ts';
import rfc4226 from './vectors/rfc4226-hotp.json' with { type: 'json' };

describe('hotp (RFC 4226)', () => {
  const secret = ascii(rfc4226.secretAscii);

  for (const c of rfc4226.cases) {
    it(`Appendix D: counter ${c.counter} truncates to 0x${c.truncatedHex} and gives ${c.hotp}`, () => {
      expect(truncatedHmac(secret, c.counter, 'SHA1')).toBe(c.truncated);
      expect(c.truncated.toString(16).padStart(8, '0')).toBe(c.truncatedHex);
      expect(hotp(secret, c.counter)).toBe(c.hotp);
      expect(hotp(secret, c.counter, { algorithm: 'SHA1', digits: 6 })).toBe(c.hotp);
    });
  }

  it('gives 7 and 8 digits from the same truncated value, zero-padded', () => {
    expect(hotp(secret, 0, { digits: 7 })).toBe('4755224');
    expect(hotp(secret, 0, { digits: 8 })).toBe('84755224');
    expect(hotp(secret, 7, { digits: 8 })).toBe('82162583');
    expect(hotp(secret, 2, { digits: 8 })).toBe('37359152');
  });

  it('writes the counter as 8 bytes big-endian, past 2^32 and up to 2^53 - 1', () => {
    // An independent reference on node:crypto with a BigInt counter.
    const reference = (key: Uint8Array, counter: number, algorithm: OtpAlgorithm, digits: number) => {
      const message = Buffer.alloc(8);
      message.writeBigUInt64BE(BigInt(counter));
      const mac = createHmac(algorithm.toLowerCase(), key).update(message).digest();
      const offset = mac[mac.length - 1]! & 0xf;
      return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits).padStart(digits, '0');
    };
    for (const counter of [2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 40 + 12345, Number.MAX_SAFE_INTEGER]) {
      expect(hotp(secret, counter)).toBe(reference(secret, counter, 'SHA1', 6));
    }
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        fc.maxSafeNat(),
        fc.constantFrom<OtpAlgorithm>('SHA1', 'SHA256', 'SHA512'),
        fc.integer({ min: 6, max: 8 }),
        (key, counter, algorithm, digits) => {
          expect(hotp(key, counter, { algorithm, digits })).toBe(reference(key, counter, algorithm, digits));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses digits outside 6..8, bad counters, empty secrets and unknown algorithms with typed errors', () => {
    for (const digits of [0, 5, 9, 10, 6.5, Number.NaN]) {
      expect(() => hotp(secret, 0, { digits })).toThrowError(expect.objectContaining({ code: 'digits-out-of-range' }));
    }
    for (const counter of [-1, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => hotp(secret, counter)).toThrowError(expect.objectContaining({ code: 'invalid-counter' }));
    }
    expect(() => hotp(new Uint8Array(0), 0)).toThrowError(expect.objectContaining({ code: 'invalid-secret' }));
    expect(() => hotp(secret, 0, { algorithm: 'MD5' as OtpAlgorithm })).toThrowError(
      expect.objectContaining({ code: 'unsupported-algorithm' }),
    );
  });
});
