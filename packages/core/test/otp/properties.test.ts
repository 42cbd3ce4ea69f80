import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TesseraError } from '../../src/errors.ts';
import { base32Decode } from '../../src/otp/base32.ts';
import { formatMigrationUris, parseMigrationUri } from '../../src/otp/migration.ts';
import { formatOtpUri, parseOtpUri } from '../../src/otp/uri.ts';
import type { Otp } from '../../src/otp/types.ts';
import uriVectors from './vectors/otpauth-uris.json' with { type: 'json' };
import migrationVectors from './vectors/google-migration.json' with { type: 'json' };

// Text as hostile input can be: any code point, lone surrogates, percent signs and the URI
// punctuation the parsers split on.
const hostileChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('%', '%2', '%zz', '%C3', '%E0%A4', '%3D', '%2B', ':', '/', '?', '&', '=', '#', '+', ' ', '-', '\n'),
);
const hostileText = fc.array(hostileChar, { maxLength: 40 }).map((parts) => parts.join(''));

// A valid URI with a few characters deleted, replaced or inserted.
const mangle = (seeds: readonly string[]) =>
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.nat(), fc.nat(3), hostileText), { minLength: 1, maxLength: 4 }),
    )
    .map(([seed, edits]) =>
      edits.reduce((text, [at, cut, insert]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, i) + insert + text.slice(i + cut);
      }, seed),
    );

const otpSeeds = [...uriVectors.parse.map((c) => c.uri), ...uriVectors.format.map((c) => c.uri)];
const migrationSeeds = migrationVectors.realExports.map((c) => c.uri);

function onlyTesseraErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof TesseraError)) throw e;
  }
}

describe('hostile input only ever throws TesseraError', () => {
  it('base32Decode', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary' })), (text) =>
        onlyTesseraErrors(() => base32Decode(text)),
      ),
      { numRuns: 2000 },
    );
  });

  it('parseOtpUri on random text and on mangled valid URIs', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText,
          hostileText.map((t) => `otpauth://${t}`),
          hostileText.map((t) => `otpauth://totp/${t}?secret=JBSWY3DP&${t}`),
          mangle(otpSeeds),
        ),
        (uri) => onlyTesseraErrors(() => parseOtpUri(uri)),
      ),
      { numRuns: 3000 },
    );
  });

  it('parseMigrationUri on random text, mangled exports and random payload bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText,
          hostileText.map((t) => `otpauth-migration://offline?data=${t}`),
          mangle(migrationSeeds),
          fc
            .uint8Array({ maxLength: 200 })
            .map((b) => `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(b).toString('base64'))}`),
        ),
        (uri) => onlyTesseraErrors(() => parseMigrationUri(uri)),
      ),
      { numRuns: 3000 },
    );
  });
});

// Normal-form text: what the parsers return (labels are trimmed).
const label = fc
  .string({
    unit: fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      fc.constantFrom(':', '%', '+', '&', '=', '?', '#', '/', ' '),
    ),
    maxLength: 20,
  })
  .map((s) => s.trim());

const validOtp: fc.Arbitrary<Otp> = fc
  .record({
    type: fc.constantFrom('totp', 'hotp', 'steam'),
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
    digits: fc.integer({ min: 6, max: 8 }),
    period: fc.oneof(
      fc.constant(30),
      fc.integer({ min: 1, max: 2 ** 31 }),
      fc
        .maxSafeNat()
        .map((n) => n + 1)
        .filter((n) => Number.isSafeInteger(n)),
    ),
    counter: fc.maxSafeNat(),
    issuer: label,
    account: label,
  })
  .map((o): Otp => {
    if (o.type === 'steam') return { ...o, algorithm: 'SHA1', digits: 5, period: 30, counter: 0 };
    if (o.type === 'hotp') return { ...o, period: 30 };
    // A totp whose issuer is Steam reads back as Steam unless it has 6..8 digits, which it has.
    return { ...o, counter: 0 };
  });

describe('round trips', () => {
  it('formatOtpUri then parseOtpUri gives back any valid otp', () => {
    fc.assert(
      fc.property(validOtp, (otp) => {
        expect(parseOtpUri(formatOtpUri(otp))).toEqual(otp);
      }),
      { numRuns: 2000 },
    );
  });

  it('formatMigrationUris then parseMigrationUri gives back any otps Google Authenticator can hold', () => {
    const migratable = validOtp.filter(
      (o) => o.type !== 'steam' && o.digits !== 7 && (o.type === 'hotp' || o.period === 30),
    );
    fc.assert(
      fc.property(
        fc.array(migratable, { maxLength: 25 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        (otps, batchId) => {
          const uris = formatMigrationUris(otps, { batchId });
          expect(uris).toHaveLength(Math.ceil(otps.length / 10));
          const parsed = uris.map(parseMigrationUri);
          expect(parsed.flatMap((p) => p.otps)).toEqual(otps);
          expect(
            parsed.every(
              (p, index) =>
                p.rejected.length === 0 &&
                p.batch.index === index &&
                p.batch.size === uris.length &&
                p.batch.id === batchId,
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
