import fc from 'fast-check';
import type { Otp } from '../../src/otp/types.ts';

// Any valid OTP, labels included: spaces, colons, percent signs, Unicode beyond the BMP.
const label = fc
  .string({
    unit: fc.constantFrom('a', 'B', ' ', ':', '%', '&', '+', '/', '?', '#', 'é', '日', '🔑', '-', '.'),
    maxLength: 12,
  })
  .map((text) => text.trim());

export const otpArb: fc.Arbitrary<Otp> = fc.oneof(
  fc.record({
    type: fc.constant('totp' as const),
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
    digits: fc.integer({ min: 6, max: 8 }),
    period: fc.integer({ min: 1, max: 600 }),
    counter: fc.constant(0),
    issuer: label,
    account: label,
  }),
  fc.record({
    type: fc.constant('hotp' as const),
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
    digits: fc.integer({ min: 6, max: 8 }),
    period: fc.constant(30),
    counter: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    issuer: label,
    account: label,
  }),
  fc.record({
    type: fc.constant('steam' as const),
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    algorithm: fc.constant('SHA1' as const),
    digits: fc.constant(5),
    period: fc.constant(30),
    counter: fc.constant(0),
    issuer: label,
    account: label,
  }),
);

/** The OTPs Google Authenticator's format can carry: no Steam, 6 or 8 digits, 30 s. */
export const migratableOtpArb: fc.Arbitrary<Otp> = otpArb.filter(
  (otp) => otp.type !== 'steam' && otp.digits !== 7 && otp.period === 30,
);
