import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMigrationUri } from '../../src/otp/migration.ts';
import { exportMigrationUris, importGoogleMigration } from '../../src/transfer/google-migration.ts';
import { codes, expectTransferError, fixtureText, otps, SAMPLE_OTPS } from './helpers.ts';
import { migratableOtpArb } from './arbitraries.ts';
import { sampleVault } from './records.ts';

// fixtures/google-migration*.txt: an export of 12 accounts in two QR codes (the first scanned
// twice), written byte by byte by generate.ts from the MigrationPayload schema, and between them
// a real Google Authenticator export from scito/extract_otp_secrets.

const [EXAMPLE, , HOTP] = SAMPLE_OTPS;

describe('Google Authenticator export import', () => {
  it('reads every QR code once, in order, and lists the MD5 account as a problem', async () => {
    const result = await importGoogleMigration(fixtureText('google-migration.txt'));
    expect(result.format).toBe('google-migration');
    const read = otps(result);
    expect(read[0]).toEqual(EXAMPLE);
    expect(read[1]).toEqual(HOTP);
    expect(read.slice(2, 10).map((otp) => otp!.account)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `user${i}@example.net`),
    );
    expect(read[10]).toMatchObject({ type: 'hotp', account: 'hotp demo', counter: 4 });
    expect(read[11]).toMatchObject({ issuer: 'Service 9', algorithm: 'SHA256' });
    expect(read).toHaveLength(12);
    expect(codes(result)).toEqual(['12:unsupported-algorithm']);
  });

  it('reports the QR codes of an export that were never scanned', async () => {
    const result = await importGoogleMigration(fixtureText('google-migration-partial.txt'));
    expect(result.entries).toHaveLength(10);
    expect(result.problems).toEqual([
      {
        index: -1,
        label: 'Google Authenticator export of 2 QR codes',
        code: 'missing-batch',
        reason: 'QR code 2 of 2 was not scanned: the accounts on it are missing',
        imported: false,
      },
    ]);
  });

  it('bounds the report of a payload claiming millions of QR codes', async () => {
    const [uri] = exportMigrationUris(
      [
        {
          id: 'a',
          title: '',
          url: '',
          username: '',
          password: '',
          notes: '',
          tags: [],
          favourite: false,
          otp: EXAMPLE!,
          deleted: false,
          createdAt: 0,
          updatedAt: 0,
        },
      ],
      { batchId: 5 },
    ).uris;
    // batch_size is field 3 (varint 1 here, 0x18 0x01): claim 2^31 - 1 codes instead.
    const data = Buffer.from(decodeURIComponent(uri!.split('data=')[1]!), 'base64');
    const at = data.indexOf(Buffer.of(0x18, 0x01));
    const claimed = Buffer.concat([
      data.subarray(0, at),
      Buffer.of(0x18, 0xff, 0xff, 0xff, 0xff, 0x07),
      data.subarray(at + 2),
    ]);
    const started = performance.now();
    const result = await importGoogleMigration(
      `otpauth-migration://offline?data=${encodeURIComponent(claimed.toString('base64'))}`,
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.problems[0]!.reason).toBe(
      'QR codes 2, 3, 4, 5, 6 and 2147483641 more of 2147483647 were not scanned: the accounts on them are missing',
    );
  });

  it('reports damaged codes and other lines, and refuses text with no export in it', async () => {
    const result = await importGoogleMigration(
      'otpauth-migration://offline?data=CiUKEPql\notpauth://totp/x?secret=JBSWY3DPEHPK3PXP\n',
    );
    expect(codes(result)).toEqual(['0:migration-bad-data', '1:not-migration-uri']);
    await expectTransferError('not-google-migration', () =>
      importGoogleMigration('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'),
    );
  });
});

describe('Google Authenticator export', () => {
  it('writes batches of ten that read back as the same accounts, and says which records it cannot carry', async () => {
    const many = Array.from({ length: 23 }, (_, i) => ({ ...EXAMPLE!, account: `user${i}` }));
    const views = many.map((otp, i) => ({
      id: `r${i}`,
      title: '',
      url: '',
      username: '',
      password: '',
      notes: '',
      tags: [],
      favourite: false,
      otp,
      deleted: false,
      createdAt: 0,
      updatedAt: 0,
    }));
    const { uris, skipped } = exportMigrationUris(views, { batchId: 42 });
    expect(uris).toHaveLength(3);
    expect(uris.map((uri) => parseMigrationUri(uri).batch)).toEqual(
      [0, 1, 2].map((index) => ({ index, size: 3, id: 42 })),
    );
    expect(skipped).toEqual([]);
    expect(otps(await importGoogleMigration(uris.join('\n')))).toEqual(many);
  });

  it('skips Steam, 7-digit and non-30-second codes with the reason, and records without a code', () => {
    const { uris, skipped } = exportMigrationUris(sampleVault());
    expect(uris).toHaveLength(1);
    expect(parseMigrationUri(uris[0]!).otps).toEqual([EXAMPLE, HOTP]);
    expect(skipped.map((s) => [s.index, s.label, s.reason])).toEqual([
      [1, 'ACME Co: bob', 'cannot be exported for Google Authenticator: it has no period: only 30 s codes, not 60 s'],
      [3, 'Steam: dave', 'cannot be exported for Google Authenticator: it has no Steam codes'],
      [
        4,
        'Ünïcødé Bank: erin@example.org',
        'cannot be exported for Google Authenticator: it has only 6 or 8 digits, not 7',
      ],
    ]);
  });

  it('round-trips any OTP its format can carry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(migratableOtpArb, { minLength: 1, maxLength: 25 }), async (generated) => {
        const views = generated.map((otp, i) => ({
          id: `r${i}`,
          title: '',
          url: '',
          username: '',
          password: '',
          notes: '',
          tags: [],
          favourite: false,
          otp,
          deleted: false,
          createdAt: 0,
          updatedAt: 0,
        }));
        const back = await importGoogleMigration(exportMigrationUris(views).uris.join('\n'));
        expect(back.problems).toEqual([]);
        expect(otps(back)).toEqual(generated);
      }),
      { numRuns: 100 },
    );
  });
});
