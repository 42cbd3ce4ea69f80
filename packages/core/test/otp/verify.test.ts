import { describe, expect, it } from 'vitest';
import { totp } from '../../src/otp/totp.ts';
import { verifyTotp } from '../../src/otp/verify.ts';
import { ascii } from './helpers.ts';

const secret = ascii('12345678901234567890');
const now = 1111111111; // step 37037037
const step = Math.floor(now / 30);
const codeAt = (s: number) => totp(secret, s * 30);

describe('verifyTotp', () => {
  it('accepts the current code and returns its step', () => {
    expect(verifyTotp(secret, codeAt(step), now)).toBe(step);
    expect(verifyTotp(secret, '050471', now)).toBe(step); // RFC 6238 Appendix B, 6 of the 8 digits
  });

  it('accepts one step either side by default, and the window it is given', () => {
    expect(verifyTotp(secret, codeAt(step - 1), now)).toBe(step - 1);
    expect(verifyTotp(secret, codeAt(step + 1), now)).toBe(step + 1);
    expect(verifyTotp(secret, codeAt(step - 2), now)).toBeNull();
    expect(verifyTotp(secret, codeAt(step - 2), now, { window: 2 })).toBe(step - 2);
    expect(verifyTotp(secret, codeAt(step + 1), now, { window: 0 })).toBeNull();
  });

  it('refuses a replay: steps up to lastUsedStep never match', () => {
    const used = verifyTotp(secret, codeAt(step), now);
    expect(used).toBe(step);
    expect(verifyTotp(secret, codeAt(step), now, { lastUsedStep: used! })).toBeNull();
    expect(verifyTotp(secret, codeAt(step - 1), now, { lastUsedStep: used! })).toBeNull();
    expect(verifyTotp(secret, codeAt(step + 1), now, { lastUsedStep: used! })).toBe(step + 1);
  });

  it('honours period, digits and algorithm', () => {
    const sha256 = ascii('12345678901234567890123456789012');
    const code = totp(sha256, now, { algorithm: 'SHA256', digits: 8, period: 60 });
    expect(verifyTotp(sha256, code, now, { algorithm: 'SHA256', digits: 8, period: 60 })).toBe(Math.floor(now / 60));
    expect(verifyTotp(sha256, code, now, { algorithm: 'SHA256', digits: 8 })).toBeNull();
    expect(verifyTotp(sha256, code, now, { digits: 8, period: 60 })).toBeNull();
  });

  it('ignores spaces in what was typed and refuses anything else that differs', () => {
    const code = codeAt(step);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(step);
    expect(verifyTotp(secret, ` ${code}\n`, now)).toBe(step);
    expect(verifyTotp(secret, code.slice(0, 5), now)).toBeNull();
    expect(verifyTotp(secret, `${code}0`, now)).toBeNull();
    expect(verifyTotp(secret, '', now)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', now)).toBeNull();
    expect(verifyTotp(secret, undefined as unknown as string, now)).toBeNull();
  });

  it('skips steps before the epoch', () => {
    expect(verifyTotp(secret, totp(secret, 0), 10)).toBe(0);
  });

  it('bounds the window', () => {
    expect(() => verifyTotp(secret, '000000', now, { window: 11 })).toThrowError(
      expect.objectContaining({ code: 'window-out-of-range' }),
    );
    expect(() => verifyTotp(secret, '000000', now, { window: -1 })).toThrowError(
      expect.objectContaining({ code: 'window-out-of-range' }),
    );
    expect(() => verifyTotp(secret, '000000', now, { window: 1.5 })).toThrowError(
      expect.objectContaining({ code: 'window-out-of-range' }),
    );
  });
});
