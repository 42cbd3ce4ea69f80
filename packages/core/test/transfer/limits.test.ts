import { describe, expect, it } from 'vitest';
import { importAndOtp } from '../../src/transfer/andotp.ts';
import { importBitwarden } from '../../src/transfer/bitwarden.ts';
import { importFile, IMPORTERS } from '../../src/transfer/import.ts';
import { MAX_ENTRIES, MAX_FILE_BYTES } from '../../src/transfer/input.ts';
import { importOtpauthList } from '../../src/transfer/otpauth-list.ts';
import { exportMigrationUris } from '../../src/transfer/google-migration.ts';
import { IMPORT_FORMATS, type ImportFormat } from '../../src/transfer/types.ts';
import { TesseraError } from '../../src/errors.ts';
import { codes, expectRefusedAtOnce, expectTransferError, fixtureText, SAMPLE_OTPS, settle } from './helpers.ts';

// Files too large, too many entries, entries too large for a record: typed errors or problems,
// never a frozen tab.

describe('limits', () => {
  it('refuses a file above 20 MiB in every format before reading it', async () => {
    const huge = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x20);
    for (const format of IMPORT_FORMATS) {
      await expectRefusedAtOnce('too-large', () => IMPORTERS[format](huge, { password: 'x' }));
    }
    await expectTransferError('too-large', () => importOtpauthList(' '.repeat(MAX_FILE_BYTES + 1)));
  });

  it(`refuses more than ${MAX_ENTRIES} entries, also when a list nests them in migration URIs`, async () => {
    const entry = JSON.parse(fixtureText('andotp-plain.json'))[0];
    await expectTransferError('too-large', () =>
      importAndOtp(JSON.stringify(Array.from({ length: MAX_ENTRIES + 1 }, () => entry))),
    );
    const atLimit = await importAndOtp(JSON.stringify(Array.from({ length: MAX_ENTRIES }, () => entry)));
    expect(atLimit.entries).toHaveLength(MAX_ENTRIES);
    const views = Array.from({ length: 10 }, (_, i) => ({
      id: `r${i}`,
      title: '',
      url: '',
      username: '',
      password: '',
      notes: '',
      tags: [],
      favourite: false,
      otp: SAMPLE_OTPS[0]!,
      deleted: false,
      createdAt: 0,
      updatedAt: 0,
    }));
    const [uri] = exportMigrationUris(views).uris;
    const lines = Array.from({ length: MAX_ENTRIES / 10 + 1 }, () => uri).join('\n');
    await expectTransferError('too-large', () => importOtpauthList(lines));
  });

  it(`refuses more than ${MAX_ENTRIES} entries in each of the newer formats before reading one`, async () => {
    const many = <T>(item: T): T[] => Array.from({ length: MAX_ENTRIES + 1 }, () => item);
    const files: [ImportFormat, string][] = [
      [
        'proton',
        JSON.stringify({
          version: 1,
          entries: many({
            id: 'x',
            content: { uri: 'otpauth://totp/a?secret=JBSWY3DP', entry_type: 'Totp', name: 'a' },
            note: null,
          }),
        }),
      ],
      ['stratum', JSON.stringify({ Authenticators: many({ Type: 2, Issuer: 'a', Secret: 'JBSWY3DP' }) })],
      ['lastpass', JSON.stringify({ version: 3, accounts: many({ issuerName: 'a', secret: 'JBSWY3DP' }) })],
      ['raivo', JSON.stringify(many({ issuer: 'a', secret: 'JBSWY3DP', kind: 'TOTP' }))],
      [
        'bitwarden',
        `type,name,login_uri,login_username,login_password,login_totp\n${many('login,a,,,,').join('\n')}\n`,
      ],
    ];
    for (const [format, file] of files) await expectTransferError('too-large', () => IMPORTERS[format](file));
  });

  it('survives JSON nested far deeper than any export', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    for (const format of [
      'aegis',
      'andotp',
      'bitwarden',
      '2fas',
      'freeotp-plus',
      'ente',
      'proton',
      'stratum',
      'steam',
      'lastpass',
      'raivo',
    ] as const) {
      for (const file of [deep, deepObject]) {
        const outcome = await settle(() => importFile(file, { format }));
        // andOTP reads the outer array: one entry that is not an object.
        if (!(outcome instanceof TesseraError)) expect(codes(outcome)).toEqual(['0:malformed-entry']);
      }
    }
  });

  it('lists an entry too large for a record as a problem and imports the rest', async () => {
    const file = JSON.parse(fixtureText('bitwarden.json'));
    file.items[0].notes = 'x'.repeat(70_000);
    file.items[1].name = 'y'.repeat(2_000);
    file.items[2].folderId = 'long';
    file.folders.push({ id: 'long', name: `Projects/${'z'.repeat(100)}` });
    const result = await importBitwarden(JSON.stringify(file));
    expect(codes(result).slice(0, 2)).toEqual(['0:record-invalid', '1:record-invalid']);
    expect(result.problems[0]!.reason).toBe('Record notes is longer than 65536 UTF-8 bytes');
    // A long folder name is shortened to a tag rather than costing the entry.
    expect(result.entries[0]!.login!.tags).toEqual([`Projects/${'z'.repeat(55)}`]);
  });
});
