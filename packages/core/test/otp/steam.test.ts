import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/otp/base32.ts';
import { otpCode } from '../../src/otp/code.ts';
import { STEAM_ALPHABET, steamCode } from '../../src/otp/steam.ts';
import { parseOtpUri } from '../../src/otp/uri.ts';
import steam from './vectors/steam.json' with { type: 'json' };

describe('steamCode', () => {
  for (const c of steam.cases) {
    it(`${c.from}: ${c.code} at ${c.time} s`, () => {
      const secret = c.secretHex !== undefined ? hexToBytes(c.secretHex) : base32Decode(c.secretBase32 ?? '');
      expect(steamCode(secret, c.time)).toBe(c.code);
      // Same code for the whole 30 s step.
      const stepStart = Math.floor(c.time / 30) * 30;
      expect(steamCode(secret, stepStart)).toBe(c.code);
      expect(steamCode(secret, stepStart + 29.9)).toBe(c.code);
    });
  }

  it('reads the KeePassXC encoder=steam URI and shows its code', () => {
    const otp = parseOtpUri(steam.uri.text);
    expect(otp).toMatchObject({
      type: 'steam',
      digits: 5,
      period: 30,
      algorithm: 'SHA1',
      issuer: steam.uri.issuer,
      account: steam.uri.account,
    });
    expect(otpCode(otp, steam.uri.time * 1000).code).toBe(steam.uri.code);
  });

  it('only ever uses the 26 characters of the Steam alphabet', () => {
    expect(STEAM_ALPHABET).toHaveLength(26);
    const secret = base32Decode('63BEDWCQZKTQWPESARIERL5DTTQFCJTK');
    for (let t = 0; t < 3000 * 30; t += 30) {
      expect(steamCode(secret, t)).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    }
  });
});
