import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { expectOneLineError, tessera } from './run.ts';
import { fixture, makeBackup, makeRecords, sampleOtp, SAMPLES, scratchDir } from './helpers.ts';

const PASSWORD = 'backup pässword';
const scratch = scratchDir();
const records = makeRecords([
  {
    title: 'Example',
    url: 'https://example.com',
    username: 'alice@example.com',
    password: 'hunter2',
    tags: ['Work'],
    favourite: true,
    otp: sampleOtp(0),
  },
  { otp: sampleOtp(3) },
  { title: 'Router', username: 'admin', password: 'pa55', notes: 'in the hall' },
]);
let backupPath = '';
let passwordFile = '';

beforeAll(async () => {
  backupPath = scratch.write('vault.tessera', await makeBackup(records, PASSWORD));
  passwordFile = scratch.write('password.txt', `${PASSWORD}\n`);
});
afterAll(() => scratch.remove());

const WARNING = /^tessera: warning: the decrypted backup on standard output holds secrets in the clear/;

describe('tessera decrypt', () => {
  it('prints every record of a backup made by core exportBackup as JSON', async () => {
    const run = await tessera(['decrypt', '--password-file', passwordFile, backupPath]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(WARNING);
    expect(run.stderr.split('\n')).toHaveLength(2);
    const document = JSON.parse(run.stdout) as { format: string; version: number; records: Record<string, unknown>[] };
    expect(document).toMatchObject({ format: 'tessera-backup', version: 1, exportedAt: '2026-11-23T09:00:00.000Z' });
    expect(document.records.map((r) => r.id)).toEqual(records.map((r) => r.id));
    expect(document.records[0]).toMatchObject({
      title: 'Example',
      url: 'https://example.com',
      username: 'alice@example.com',
      password: 'hunter2',
      tags: ['Work'],
      favourite: true,
      otp: {
        type: 'totp',
        secret: SAMPLES.otps[0]!.secretBase32,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        issuer: 'Example',
        account: 'alice@example.com',
      },
    });
    expect(document.records[1]).toMatchObject({
      title: '',
      otp: { type: 'steam', secret: SAMPLES.otps[3]!.secretBase32, digits: 5 },
    });
    expect(document.records[2]).toMatchObject({ title: 'Router', notes: 'in the hall', otp: null });
  });

  it('opens the worked example of docs/import-export.md with TESSERA_PASSWORD, read from standard input', async () => {
    const example = JSON.parse(readFileSync(fixture('tessera-backup-example.json'), 'utf8')) as {
      password: string;
      content: string;
    };
    const run = await tessera(['decrypt', '-'], readFileSync(fixture('tessera-backup-example.tessera')), {
      TESSERA_PASSWORD: example.password,
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(example.content));
  });

  it('prints an otpauth:// list of the records that have an OTP', async () => {
    const run = await tessera(['decrypt', '--format', 'otpauth', '--password-file', passwordFile, backupPath]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${formatOtpUri(sampleOtp(0))}\n${formatOtpUri(sampleOtp(3))}\n`);
    expect(run.stderr).toBe(
      'tessera: 1 record has no OTP and is left out\n' +
        "tessera: warning: the otpauth:// list on standard output holds secrets in the clear; do not leave it in a file, a log or a terminal's scrollback\n",
    );
  });

  it('writes --out with mode 0600, refuses to replace it without --force, replaces it with', async () => {
    const out = scratch.path('records.json');
    const first = await tessera(['decrypt', '--out', out, '--password-file', passwordFile, backupPath]);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toBe(
      `tessera: wrote the decrypted backup to ${out} (mode 0600); it holds secrets in the clear: delete it when done\n`,
    );
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { records: unknown[] };
    expect(written.records).toHaveLength(3);

    expect(
      expectOneLineError(await tessera(['decrypt', '--out', out, '--password-file', passwordFile, backupPath])),
    ).toBe(`tessera: cannot write ${out}: already exists (add --force to replace it)`);
    const replaced = await tessera([
      'decrypt',
      '--format',
      'otpauth',
      '--out',
      out,
      '--force',
      '--password-file',
      passwordFile,
      backupPath,
    ]);
    expect(replaced.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(`${formatOtpUri(sampleOtp(0))}\n${formatOtpUri(sampleOtp(3))}\n`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('refuses a wrong password with exit 2 and one line that holds no password', async () => {
    const wrong = scratch.write('wrong.txt', 'not the password\n');
    const line = expectOneLineError(await tessera(['decrypt', '--password-file', wrong, backupPath]));
    expect(line).toBe('tessera: wrong password [wrong-password]');
    expect(expectOneLineError(await tessera(['decrypt', backupPath], '', { TESSERA_PASSWORD: 'nope' }))).toBe(
      'tessera: wrong password [wrong-password]',
    );
  });

  it('tells a truncated backup from a wrong password', async () => {
    const whole = readFileSync(backupPath);
    const short = scratch.write('short.tessera', whole.subarray(0, 100));
    expect(expectOneLineError(await tessera(['decrypt', '--password-file', passwordFile, short]))).toMatch(
      /^tessera: The backup is cut short: 100 bytes, at least 156 expected \[malformed\]$/,
    );
    // Cut inside the content: the key still opens, so the password was right and the file is damaged.
    const cut = scratch.write('cut.tessera', whole.subarray(0, whole.length - 1));
    expect(expectOneLineError(await tessera(['decrypt', '--password-file', passwordFile, cut]))).toMatch(
      /content does not authenticate \[malformed\]$/,
    );
  });

  it('says what a file is not before asking for any password', async () => {
    expect(expectOneLineError(await tessera(['decrypt', fixture('aegis-plain.json')]))).toMatch(
      /\[not-tessera-backup\]$/,
    );
    expect(expectOneLineError(await tessera(['decrypt', scratch.path('missing.tessera')]))).toBe(
      `tessera: cannot read ${scratch.path('missing.tessera')}: no such file or directory`,
    );
    expect(expectOneLineError(await tessera(['decrypt', scratch.dir]))).toBe(
      `tessera: cannot read ${scratch.dir}: it is a directory`,
    );
  });

  it('refuses to run without a password when there is no terminal to ask on', async () => {
    expect(expectOneLineError(await tessera(['decrypt', backupPath]))).toBe(
      'tessera: no password: there is no terminal to ask on (give --password-file <path> or set TESSERA_PASSWORD)',
    );
  });

  it('never takes a password as a flag value', async () => {
    expect(expectOneLineError(await tessera(['decrypt', '--password', PASSWORD, backupPath]))).toBe(
      "tessera: Unknown option '--password' (try: tessera help decrypt)",
    );
  });

  it('refuses empty, oversized and other-readable password files as it should', async () => {
    const empty = scratch.write('empty.txt', '\n');
    expect(expectOneLineError(await tessera(['decrypt', '--password-file', empty, backupPath]))).toBe(
      `tessera: --password-file ${empty} is empty`,
    );
    const big = scratch.write('big.txt', 'x'.repeat(5000));
    expect(expectOneLineError(await tessera(['decrypt', '--password-file', big, backupPath]))).toMatch(
      /is larger than 4096 bytes: is it the right file\?$/,
    );
    expect(expectOneLineError(await tessera(['decrypt', backupPath], '', { TESSERA_PASSWORD: '' }))).toBe(
      'tessera: TESSERA_PASSWORD is set but empty (unset it to be asked for the password)',
    );
    const open = scratch.write('open.txt', `${PASSWORD}\r\n`, 0o644);
    const run = await tessera(['decrypt', '--format', 'otpauth', '--password-file', open, backupPath]);
    expect(run.status).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe(`tessera: warning: ${open} can be read by other users (chmod 600 ${open})`);
  });

  it('refuses bad options with one line', async () => {
    expect(expectOneLineError(await tessera(['decrypt', '--format', 'csv', backupPath]))).toBe(
      'tessera: --format is json or otpauth, not "csv"',
    );
    expect(expectOneLineError(await tessera(['decrypt', '--force', backupPath]))).toBe(
      'tessera: --force only applies with --out <file>',
    );
    expect(expectOneLineError(await tessera(['decrypt']))).toBe(
      'tessera: missing the backup file (give its path, or - to read it from standard input)',
    );
  });
});
