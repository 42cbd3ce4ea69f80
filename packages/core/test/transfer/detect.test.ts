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
];

describe('detectFormat', () => {
  it.each(FIXTURES)('knows %s as %s from its content alone', (name, format, encrypted) => {
    expect(detectFormat(fixture(name))).toEqual({ format, encrypted });
    expect(detectFormat(new TextDecoder().decode(fixture(name)))).toEqual(name.endsWith('.tessera') ? null : { format, encrypted });
  });

  it('needs the file name for andOTP encrypted backups, whose bytes say nothing', () => {
    expect(detectFormat(fixture('andotp-encrypted.json.aes'))).toBeNull();
    expect(detectFormat(fixture('andotp-encrypted.json.aes'), 'otp_accounts_2026-11-22_10-00-00.json.aes')).toEqual({ format: 'andotp', encrypted: true });
    expect(detectFormat(fixture('andotp-encrypted-old.json.aes'), 'C:\\Users\\me\\Downloads\\backup.json.aes')).toEqual({ format: 'andotp', encrypted: true });
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
      const password = name.startsWith('aegis') ? AEGIS_PASSWORD : name.endsWith('.tessera') ? 'correct horse battery staple' : PASSWORD;
      const result = await importFile(fixture(name), encrypted ? { password } : {});
      expect(result.format).toBe(format);
      expect(result.entries.length).toBeGreaterThan(0);
    }
  });

  it('uses the format the user chose, and says when it knows none', async () => {
    await expectTransferError('not-aegis', () => importFile(fixture('2fas-plain.2fas'), { format: 'aegis' }));
    await expectTransferError('unknown-format', () => importFile(text('hello')));
    await expectTransferError('unknown-format', () => importFile(text('hello'), { format: 'lastpass' as never }));
  });
});
