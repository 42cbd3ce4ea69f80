import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/transfer/detect.ts';
import { importFile } from '../../src/transfer/import.ts';
import { MAX_FILE_BYTES } from '../../src/transfer/input.ts';
import { AEGIS_PASSWORD, expectTransferError, fixture, PASSWORD, text } from './helpers.ts';

const FIXTURES: [string, string, boolean][] = [
  ['aegis-plain.json', 'aegis', false],
  ['aegis-encrypted.json', 'aegis', true],
  ['2fas-plain.2fas', '2fas', false],
  ['2fas-encrypted.2fas', '2fas', true],
  ['bitwarden.json', 'bitwarden', false],
  ['bitwarden-encrypted-pbkdf2.json', 'bitwarden', true],
  ['bitwarden-encrypted-argon2id.json', 'bitwarden', true],
  ['bitwarden-account-restricted.json', 'bitwarden', true],
  ['ente-plain.txt', 'ente', false],
  ['ente-encrypted.json', 'ente', true],
  ['andotp-plain.json', 'andotp', false],
  ['freeotp-plus.json', 'freeotp-plus', false],
  ['otpauth-list.txt', 'otpauth-list', false],
  ['google-migration.txt', 'google-migration', false],
  ['tessera-backup-example.tessera', 'tessera-backup', true],
  ['andotp-encrypted.json.aes', 'andotp', true],
  ['proton-plain.json', 'proton', false],
  ['proton-encrypted.json', 'proton', true],
  ['stratum-plain.json', 'stratum', false],
  ['stratum-encrypted.stratum', 'stratum', true],
  ['stratum-legacy.authpro', 'stratum', true],
  ['steam.maFile', 'steam', false],
  ['lastpass.json', 'lastpass', false],
  ['raivo-otp-export.json', 'raivo', false],
  ['bitwarden.csv', 'bitwarden', false],
];
// Binary files: as text they are garbage, which nothing takes for an export.
const BINARY = [
  'tessera-backup-example.tessera',
  'andotp-encrypted.json.aes',
  'stratum-encrypted.stratum',
  'stratum-legacy.authpro',
];

describe('detectFormat', () => {
  it.each(FIXTURES)('knows %s as %s from its content alone', (name, format, encrypted) => {
    expect(detectFormat(fixture(name))).toEqual({ format, encrypted });
    expect(detectFormat(new TextDecoder().decode(fixture(name)))).toEqual(
      BINARY.includes(name) ? null : { format, encrypted },
    );
  });

  it('knows an andOTP encrypted backup by its iteration count whatever its name; the old layout needs the name', () => {
    for (const name of [undefined, 'backup.bin', 'otp_accounts.json.aes.download']) {
      expect(detectFormat(fixture('andotp-encrypted.json.aes'), name)).toEqual({ format: 'andotp', encrypted: true });
    }
    // A count outside the 140,000..160,000 andOTP writes is not taken for one.
    const other = fixture('andotp-encrypted.json.aes').slice();
    other.set([0, 0x0f, 0x42, 0x40], 0);
    expect(detectFormat(other)).toBeNull();
    expect(detectFormat(fixture('andotp-encrypted-old.json.aes'))).toBeNull();
    expect(detectFormat(fixture('andotp-encrypted-old.json.aes'), 'C:\\Users\\me\\Downloads\\backup.json.aes')).toEqual(
      { format: 'andotp', encrypted: true },
    );
  });

  it('knows nothing it cannot read, and refuses what is too large to read', () => {
    expect(detectFormat('hello')).toBeNull();
    expect(detectFormat('{"hello": 1}')).toBeNull();
    expect(detectFormat('[1, 2]')).toBeNull();
    expect(detectFormat(Uint8Array.of(0, 1, 2, 0xff))).toBeNull();
    expect(detectFormat('{"broken": ', 'aegis-backup-20261122.json')).toEqual({ format: 'aegis', encrypted: false });
    expect(() => detectFormat(new Uint8Array(MAX_FILE_BYTES + 1))).toThrow(/larger than 20 MiB/);
  });
});

describe('importFile', () => {
  it('imports every fixture through detection with its password', async () => {
    for (const [name, format, encrypted] of FIXTURES) {
      if (name === 'bitwarden-account-restricted.json') continue;
      const password = name.startsWith('aegis')
        ? AEGIS_PASSWORD
        : name.endsWith('.tessera')
          ? 'correct horse battery staple'
          : PASSWORD;
      const result = await importFile(fixture(name), encrypted ? { password } : {});
      expect(result.format).toBe(format);
      expect(result.entries.length).toBeGreaterThan(0);
    }
  }, 120_000); // every KDF of every fixture, on a shared machine

  it('uses the format the user chose, and says when it knows none', async () => {
    await expectTransferError('not-aegis', () => importFile(fixture('2fas-plain.2fas'), { format: 'aegis' }));
    await expectTransferError('unknown-format', () => importFile(text('hello')));
    await expectTransferError('unknown-format', () => importFile(text('hello'), { format: 'keepass' as never }));
  });
});
