import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { base64 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import {
  canMigrate,
  decodeMigrationPayload,
  encodeMigrationPayload,
  formatMigrationUris,
  MIGRATION_BATCH_SIZE,
  parseMigrationUri,
} from '../../src/otp/migration.ts';
import { OtpError, type Otp } from '../../src/otp/types.ts';
import { bytesFromListing, otpFromVector } from './helpers.ts';
import vectors from './vectors/google-migration.json' with { type: 'json' };

const dataOf = (uri: string) => base64.decode(decodeURIComponent(uri.slice(uri.indexOf('data=') + 5)));

describe('parseMigrationUri: real Google Authenticator exports', () => {
  for (const c of vectors.realExports) {
    it(c.note, () => {
      const result = parseMigrationUri(c.uri);
      expect(result.rejected).toEqual([]);
      expect(result.batch).toEqual(c.batch);
      expect(result.otps).toEqual(c.otps.map(otpFromVector));
      const again = formatMigrationUris(result.otps, { batchId: c.batch.id });
      expect(again).toHaveLength(1);
      if (c.reencodesExactly) expect(bytesToHex(dataOf(again[0]!))).toBe(bytesToHex(dataOf(c.uri)));
      expect(parseMigrationUri(again[0]!)).toEqual(result);
    });
  }
});

describe('the MigrationPayload written from the schema', () => {
  const spec = vectors.specPayload;
  const bytes = bytesFromListing(spec.bytes);
  const otps = spec.otps.map(otpFromVector);

  it('decodes to the entries and batch it was written from', () => {
    expect(decodeMigrationPayload(bytes)).toEqual({ otps, rejected: [], batch: spec.batch });
  });

  it('is what the encoder writes, byte for byte', () => {
    expect(bytesToHex(encodeMigrationPayload(otps, spec.batch))).toBe(bytesToHex(bytes));
  });

  it('reads through the URI however the base64 was mangled on the way', () => {
    const b64 = base64.encode(bytes);
    expect(b64).toMatch(/[+/=]/);
    const forms = [
      encodeURIComponent(b64), // %2B %2F %3D, as Google writes it
      b64, // raw + and /
      b64.replaceAll('+', ' '), // + turned into spaces by form decoding
      b64.replaceAll('+', '%20'),
      b64.replace(/=+$/, ''), // padding lost
      b64.replaceAll('+', '-').replaceAll('/', '_'), // base64url
      `${b64.slice(0, 20)}\n${b64.slice(20)}`, // wrapped line
    ];
    for (const data of forms) {
      expect(parseMigrationUri(`otpauth-migration://offline?data=${data}`)).toEqual({
        otps,
        rejected: [],
        batch: spec.batch,
      });
    }
    expect(parseMigrationUri(` OTPAUTH-MIGRATION://Offline?DATA=${encodeURIComponent(b64)}&x=1 `).otps).toEqual(otps);
  });
});

describe('entries Tessera cannot use', () => {
  const edge = vectors.edgePayload;

  it('are rejected one by one with a typed error, and the rest still import', () => {
    const result = decodeMigrationPayload(bytesFromListing(edge.bytes));
    expect(result.otps).toEqual(edge.otps.map(otpFromVector));
    expect(result.batch).toEqual(edge.batch);
    expect(result.rejected.map((r) => ({ index: r.index, code: r.error.code }))).toEqual(
      edge.rejected.map((r) => ({ index: r.index, code: r.code })),
    );
    for (const r of result.rejected) expect(r.error).toBeInstanceOf(OtpError);
    expect(result.rejected[0]!.error.message).toBe(edge.rejected[0]!.message);
  });

  it('include an entry whose own bytes are damaged', () => {
    const result = decodeMigrationPayload(hexToBytes('0a03' + '0a0501' + '0a00' + '100118012000'));
    expect(result.otps).toEqual([]);
    expect(result.rejected.map((r) => [r.index, r.error.code])).toEqual([
      [0, 'migration-bad-data'],
      [1, 'missing-secret'],
    ]);
  });
});

describe('damaged payloads and URIs', () => {
  for (const c of vectors.damaged) {
    it(`refuse ${c.why}`, () => {
      expect(() => decodeMigrationPayload(hexToBytes(c.hex.replace(/\s+/g, '')))).toThrowError(
        expect.objectContaining({ code: 'migration-bad-data' }),
      );
    });
  }
  for (const c of vectors.uriErrors) {
    it(`refuse ${JSON.stringify(c.uri)} with ${c.code}`, () => {
      expect(() => parseMigrationUri(c.uri)).toThrowError(expect.objectContaining({ code: c.code }));
    });
  }
});

describe('formatMigrationUris', () => {
  const entry = (i: number): Otp => ({
    type: i % 3 === 0 ? 'hotp' : 'totp',
    secret: new Uint8Array(20).fill(i + 1),
    algorithm: (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3]!,
    digits: i % 2 === 0 ? 6 : 8,
    period: 30,
    counter: i % 3 === 0 ? i * 1000 : 0,
    issuer: i % 4 === 0 ? '' : `Issuer ${i}`,
    account: `user${i}@example.com`,
  });

  it('splits into QR codes of at most 10 entries that share one batch id', () => {
    const otps = Array.from({ length: 23 }, (_, i) => entry(i));
    const uris = formatMigrationUris(otps, { batchId: -123456 });
    expect(uris).toHaveLength(3);
    const parsed = uris.map(parseMigrationUri);
    expect(parsed.map((p) => p.otps.length)).toEqual([MIGRATION_BATCH_SIZE, MIGRATION_BATCH_SIZE, 3]);
    expect(parsed.map((p) => p.batch)).toEqual([0, 1, 2].map((index) => ({ index, size: 3, id: -123456 })));
    expect(parsed.flatMap((p) => p.otps)).toEqual(otps);
    for (const uri of uris) expect(uri).toMatch(/^otpauth-migration:\/\/offline\?data=[A-Za-z0-9%]+$/);
  });

  it('picks a random batch id when none is given', () => {
    const ids = new Set(
      Array.from({ length: 8 }, () => parseMigrationUri(formatMigrationUris([entry(1)])[0]!).batch.id),
    );
    expect(ids.size).toBeGreaterThan(1);
    for (const id of ids) expect(Number.isInteger(id) && id >= 0 && id < 2 ** 31).toBe(true);
  });

  it('writes nothing for no entries', () => {
    expect(formatMigrationUris([])).toEqual([]);
  });

  it('refuses what Google Authenticator cannot hold, naming the entry', () => {
    const cases: Otp[] = [
      { ...entry(1), type: 'steam', digits: 5, algorithm: 'SHA1' },
      { ...entry(1), digits: 7 },
      { ...entry(1), period: 60 },
    ];
    for (const otp of cases) {
      expect(canMigrate(otp)).toBe(false);
      expect(() => formatMigrationUris([entry(2), otp])).toThrowError(
        expect.objectContaining({ code: 'migration-unsupported', message: expect.stringContaining('entry 2') }),
      );
    }
    expect(canMigrate({ ...entry(0), period: 60 })).toBe(true); // hotp has no period to lose
    expect(() => formatMigrationUris([entry(1)], { batchId: 2 ** 31 })).toThrowError(
      expect.objectContaining({ code: 'migration-unsupported' }),
    );
    expect(() => encodeMigrationPayload([entry(1)], { index: 0.5, size: 1, id: 1 })).toThrowError(
      expect.objectContaining({ code: 'migration-unsupported' }),
    );
    expect(() => encodeMigrationPayload([{ ...entry(1), digits: 7 }], { index: 0, size: 1, id: 1 })).toThrowError(
      expect.objectContaining({ code: 'migration-unsupported', message: expect.stringContaining('entry 1') }),
    );
  });
});
