import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMigrationUri } from '@tessera/core/otp/migration';
import type { Otp } from '@tessera/core/otp/types';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { importAegis } from '@tessera/core/transfer/aegis';
import { readBackupHeader } from '@tessera/core/transfer/backup-file';
import { expectOneLineError, tessera } from './run.ts';
import { FLOOR_KDF, FLOOR_KDF_OPTION, makeBackup, makeRecords, sampleOtp, scratchDir } from './helpers.ts';

const PASSWORD = 'old backup password';
const scratch = scratchDir();
afterAll(() => scratch.remove());

// Twelve OTPs Google Authenticator can hold (two QR codes: ten and two), then the three sample
// OTPs it cannot (60 s period, Steam, 7 digits), and a login without an OTP.
const movable: Otp[] = Array.from({ length: 12 }, (_, i) => ({
  ...sampleOtp(0),
  issuer: `Service ${i + 1}`,
  account: `user${i + 1}@example.net`,
}));
const stuck: Otp[] = [sampleOtp(1), sampleOtp(3), sampleOtp(4)];
const records = makeRecords([
  ...movable.map((otp) => ({ otp })),
  ...stuck.map((otp) => ({ otp })),
  { title: 'Router', password: 'pa55' },
]);
let backupPath = '';
let passwordFile = '';

beforeAll(async () => {
  backupPath = scratch.write('vault.tessera', await makeBackup(records, PASSWORD));
  passwordFile = scratch.write('password.txt', PASSWORD);
});

describe('tessera export', () => {
  it('--to otpauth prints every OTP as an otpauth:// URI, behind a warning', async () => {
    const run = await tessera(['export', '--to', 'otpauth', '--password-file', passwordFile, backupPath]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe([...movable, ...stuck].map((otp) => `${formatOtpUri(otp)}\n`).join(''));
    expect(run.stderr).toBe(
      'tessera: 1 record has no OTP and is left out\n' +
        "tessera: warning: the otpauth:// list on standard output holds secrets in the clear; do not leave it in a file, a log or a terminal's scrollback\n",
    );
  });

  it('--to migration prints Google Authenticator URIs ten accounts each, and names what it skips', async () => {
    const run = await tessera(['export', '--to', 'migration', '--password-file', passwordFile, backupPath]);
    expect(run.status).toBe(0);
    const uris = run.stdout.trimEnd().split('\n');
    expect(uris).toHaveLength(2);
    const batches = uris.map((uri) => parseMigrationUri(uri));
    expect(batches.map((b) => b.otps.length)).toEqual([10, 2]);
    expect(batches.map((b) => [b.batch.index, b.batch.size])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(batches[0]!.batch.id).toBe(batches[1]!.batch.id);
    const otps = batches.flatMap((b) => b.otps);
    expect(otps.map(formatOtpUri)).toEqual(movable.map(formatOtpUri));
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'tessera: 1 record has no OTP and is left out',
      'tessera: skipped OTP 13 (ACME Co: bob): cannot be exported for Google Authenticator: it has no period: only 30 s codes, not 60 s [migration-unsupported]',
      'tessera: skipped OTP 14 (Steam: dave): cannot be exported for Google Authenticator: it has no Steam codes [migration-unsupported]',
      'tessera: skipped OTP 15 (Ünïcødé Bank: erin@example.org): cannot be exported for Google Authenticator: it has only 6 or 8 digits, not 7 [migration-unsupported]',
      'tessera: 2 QR codes of one export (at most ten accounts each): scan them all, in any order',
      expect.stringMatching(
        /^tessera: warning: the Google Authenticator export on standard output holds secrets in the clear/,
      ),
    ]);

    // And back in through tessera import: the twelve come back, nothing is missing.
    const back = await tessera(['import', '-'], run.stdout);
    expect(back.stdout).toMatch(
      /^standard input: Google Authenticator export, 12 entries to add, 0 duplicates, 0 unreadable\n/,
    );
  });

  it('--to backup seals the same content under a new password: same records, ids and times', async () => {
    const out = scratch.path('rekeyed.tessera');
    const newPassword = scratch.write('new.txt', 'a new password\n');
    const run = await tessera([
      'export',
      '--to',
      'backup',
      '--out',
      out,
      '--password-file',
      passwordFile,
      '--new-password-file',
      newPassword,
      '--kdf',
      FLOOR_KDF_OPTION,
      backupPath,
    ]);
    expect(run).toEqual({
      status: 0,
      stdout: '',
      stderr: `tessera: wrote ${out} (mode 0600) under the new password\n`,
    });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const header = readBackupHeader(readFileSync(out));
    expect(header.kdf).toEqual(FLOOR_KDF);
    expect(header.salt).not.toEqual(readBackupHeader(readFileSync(backupPath)).salt);

    const before = await tessera(['decrypt', '--password-file', passwordFile, backupPath]);
    const after = await tessera(['decrypt', '--password-file', newPassword, out]);
    expect(after.status).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect(expectOneLineError(await tessera(['decrypt', '--password-file', passwordFile, out]))).toBe(
      'tessera: wrong password [wrong-password]',
    );
  });

  it('writes --out with mode 0600 for the plaintext exports too', async () => {
    const out = scratch.path('codes.txt');
    const run = await tessera(['export', '--to', 'otpauth', '--out', out, backupPath], '', {
      TESSERA_PASSWORD: PASSWORD,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(16);
  });

  it('--to aegis prints an Aegis vault that the Aegis importer of core reads back whole, behind a warning', async () => {
    const run = await tessera(['export', '--to', 'aegis', '--password-file', passwordFile, backupPath]);
    expect(run.status).toBe(0);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'tessera: 1 record has no OTP and is left out',
      expect.stringMatching(/^tessera: warning: the Aegis vault on standard output holds secrets in the clear/),
    ]);
    const read = await importAegis(run.stdout);
    expect(read.problems).toEqual([]);
    expect(read.entries.map((entry) => formatOtpUri(entry.otp!))).toEqual([...movable, ...stuck].map(formatOtpUri));
  });

  it('--to aegis-encrypted seals the vault under a new password, written mode 0600', async () => {
    const out = scratch.path('aegis-export.json');
    const run = await tessera(
      ['export', '--to', 'aegis-encrypted', '--out', out, '--password-file', passwordFile, backupPath],
      '',
      { TESSERA_NEW_PASSWORD: 'aegis pass' },
    );
    expect(run).toMatchObject({ status: 0, stdout: '' });
    expect(run.stderr).toContain(`tessera: wrote ${out} (mode 0600), an Aegis vault under the new password`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const vault = readFileSync(out, 'utf8');
    expect(JSON.parse(vault).header.slots[0]).toMatchObject({ type: 1, n: 32768, r: 8, p: 1 });
    const read = await importAegis(vault, { password: 'aegis pass' });
    expect(read.entries.map((entry) => formatOtpUri(entry.otp!))).toEqual([...movable, ...stuck].map(formatOtpUri));
    expect(
      expectOneLineError(await tessera(['export', '--to', 'aegis-encrypted', '--kdf', FLOOR_KDF_OPTION, backupPath])),
    ).toBe('tessera: --kdf only applies with --to backup (Aegis fixes its own scrypt settings)');
  }, 60_000);

  it('refuses bad options with one line, before asking for a password', async () => {
    expect(expectOneLineError(await tessera(['export', backupPath]))).toBe(
      'tessera: missing --to otpauth|migration|aegis|aegis-encrypted|backup (what to export to)',
    );
    expect(expectOneLineError(await tessera(['export', '--to', 'qr', backupPath]))).toBe(
      'tessera: --to is otpauth, migration, aegis, aegis-encrypted or backup, not "qr"',
    );
    expect(expectOneLineError(await tessera(['export', '--to', 'backup', backupPath]))).toBe(
      'tessera: --to backup needs --out <file> (a backup is binary)',
    );
    expect(
      expectOneLineError(await tessera(['export', '--to', 'otpauth', '--kdf', FLOOR_KDF_OPTION, backupPath])),
    ).toBe('tessera: --kdf only applies with --to backup');
    expect(
      expectOneLineError(await tessera(['export', '--to', 'backup', '--out', scratch.path('z.tessera'), backupPath])),
    ).toBe(
      'tessera: no password: there is no terminal to ask on (give --new-password-file <path> or set TESSERA_NEW_PASSWORD)',
    );
  });

  it('says so when there is nothing to export', async () => {
    const onlyLogins = scratch.write(
      'logins.tessera',
      await makeBackup(makeRecords([{ title: 'Router', password: 'pa55' }]), PASSWORD),
    );
    const run = await tessera(['export', '--to', 'otpauth', '--password-file', passwordFile, onlyLogins]);
    expect(run).toEqual({
      status: 2,
      stdout: '',
      stderr: 'tessera: 1 record has no OTP and is left out\ntessera: nothing to export: the backup holds no OTP\n',
    });
  });
});
