// fast-check generators for vault tests. Values come from small pools on purpose: equal stamps,
// equal values and equal configurations must turn up often, because that is where a merge that
// is not a true join (commutative, associative, idempotent) would show it.
import fc from 'fast-check';
import type { Otp } from '../../src/otp/types.ts';
import { formatStamp, type Stamp } from '../../src/vault/hlc.ts';
import type { Field, OtpConfig, OtpField, VaultRecord } from '../../src/vault/record.ts';

export const BASE_MS = Date.UTC(2026, 10, 22, 10, 15, 30, 123);
export const DEVICES = ['phone', 'laptop', 'tablet', 'desktop', 'watch'] as const;

export const stampArb: fc.Arbitrary<Stamp> = fc
  .record({
    wall: fc.integer({ min: BASE_MS, max: BASE_MS + 1 }),
    counter: fc.integer({ min: 0, max: 1 }),
    device: fc.constantFrom('phone', 'laptop'),
  })
  .map(formatStamp);

const SECRETS = [
  Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]),
  new TextEncoder().encode('12345678901234567890'),
];

// Few configurations, two of them hotp, so that equal configurations (whose counters merge by
// max) and different ones under the same stamp both come up.
export const OTP_CONFIGS: readonly OtpConfig[] = [
  { type: 'hotp', secret: SECRETS[0]!, algorithm: 'SHA1', digits: 6, period: 30 },
  { type: 'hotp', secret: SECRETS[1]!, algorithm: 'SHA1', digits: 8, period: 30 },
  { type: 'totp', secret: SECRETS[0]!, algorithm: 'SHA256', digits: 6, period: 30 },
  { type: 'totp', secret: SECRETS[1]!, algorithm: 'SHA1', digits: 6, period: 60 },
  { type: 'steam', secret: SECRETS[1]!, algorithm: 'SHA1', digits: 5, period: 30 },
];

export const otpConfigArb: fc.Arbitrary<OtpConfig> = fc
  .constantFrom(...OTP_CONFIGS)
  .map((config) => ({ ...config, secret: config.secret.slice() }));

export function fieldArb<T>(value: fc.Arbitrary<T>): fc.Arbitrary<Field<T>> {
  return fc.record({ value, at: stampArb });
}

const textArb = fc.constantFrom('', 'GitHub', 'github', 'é ü 🔑', 'x'.repeat(40));
const tagsArb = fc.constantFrom<string[]>([], ['work'], ['work', 'dev'], ['dev', 'work'], ['家']);

export const otpFieldArb: fc.Arbitrary<OtpField> = fc
  .record({
    value: fc.option(otpConfigArb, { nil: null }),
    at: stampArb,
    counter: fc.integer({ min: 0, max: 4 }),
    counterAt: stampArb,
  })
  .map((otp) => (otp.value?.type === 'hotp' ? otp : { ...otp, counter: 0 }));

export function recordArb(id: string = 'rec-1'): fc.Arbitrary<VaultRecord> {
  return fc.record({
    v: fc.constant(1 as const),
    id: fc.constant(id),
    rev: fc.integer({ min: 1, max: 5 }),
    created: stampArb,
    title: fieldArb(textArb),
    url: fieldArb(fc.constantFrom('', 'https://github.com/login')),
    username: fieldArb(textArb),
    password: fieldArb(fc.constantFrom('', 'hunter2', 'correct horse battery staple')),
    notes: fieldArb(textArb),
    tags: fieldArb(tagsArb),
    favourite: fieldArb(fc.boolean()),
    otp: otpFieldArb,
    issuer: fieldArb(textArb),
    account: fieldArb(fc.constantFrom('', 'alice@example.com')),
    deleted: fieldArb(fc.boolean()),
  });
}

export function otpArb(): fc.Arbitrary<Otp> {
  return fc
    .record({
      config: otpConfigArb,
      counter: fc.integer({ min: 0, max: 3 }),
      issuer: fc.constantFrom('', 'GitHub', 'Example'),
      account: fc.constantFrom('', 'alice@example.com'),
    })
    .map(({ config, counter, issuer, account }) => ({
      ...config,
      counter: config.type === 'hotp' ? counter : 0,
      issuer,
      account,
    }));
}
