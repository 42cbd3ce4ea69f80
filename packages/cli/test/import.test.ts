import { readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readBackupHeader } from '@tessera/core/transfer/backup-file';
import { expectOneLineError, tessera } from './run.ts';
import { fixture, FLOOR_KDF, FLOOR_KDF_OPTION, SAMPLES, scratchDir } from './helpers.ts';

const scratch = scratchDir();
afterAll(() => scratch.remove());
const aegisPassword = scratch.write('aegis-password.txt', `${SAMPLES.passwords.aegis}\n`);
const fixturePassword = scratch.write('fixture-password.txt', SAMPLES.passwords.default);

// What the preview says about the five sample accounts (fixtures/samples.json) when a format
// carries them plainly.
const SAMPLE_LINES = [
  /^ {2}#\d+ +Example: alice@example\.com {2}\(totp, SHA1, 6 digits, 30 s[;)]/m,
  /^ {2}#\d+ +ACME Co: bob {2}\(totp, SHA256, 8 digits, 60 s[;)]/m,
  /^ {2}#\d+ +Hotp Inc: carol {2}\(hotp, SHA1, 6 digits, counter 7[;)]/m,
  /^ {2}#\d+ +Steam: dave {2}\(Steam, 5 characters, 30 s[;)]/m,
  /^ {2}#\d+ +Ünïcødé Bank: erin@example\.org {2}\(totp, SHA512, 7 digits, 30 s[;)]/m,
];

interface JsonEntry {
  index: number;
  label: string;
  duplicateOf: number | null;
  otp: {
    type: string;
    issuer: string;
    account: string;
    secret: string;
    algorithm: string;
    digits: number;
    period: number;
    counter: number;
    uri: string;
  } | null;
  login: Record<string, unknown> | null;
}

function sampleOtps(entries: JsonEntry[]) {
  return entries
    .flatMap((entry) => (entry.otp === null ? [] : [entry.otp]))
    .map(({ uri: _uri, secret, ...rest }) => ({ ...rest, secretBase32: secret }));
}

describe('tessera import', () => {
  it('previews a plain Aegis vault: entries to add, and unreadable entries with why', async () => {
    const run = await tessera(['import', fixture('aegis-plain.json')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      `${fixture('aegis-plain.json')}: Aegis vault, 5 entries to add, 0 duplicates, 3 unreadable\n` +
        '\n' +
        'to add:\n' +
        '  #1  Example: alice@example.com  (totp, SHA1, 6 digits, 30 s; with notes; tags Work)\n' +
        '  #2  ACME Co: bob  (totp, SHA256, 8 digits, 60 s; favourite)\n' +
        '  #3  Hotp Inc: carol  (hotp, SHA1, 6 digits, counter 7)\n' +
        '  #4  Steam: dave  (Steam, 5 characters, 30 s)\n' +
        '  #5  Ünïcødé Bank: erin@example.org  (totp, SHA512, 7 digits, 30 s)\n' +
        '\n' +
        'unreadable, not added:\n' +
        '  entry 6 of the file (Yandex: yuri): Yandex codes are not supported: Tessera makes TOTP, HOTP and Steam codes [unknown-type]\n' +
        '  entry 7 of the file (mOTP Ltd: mia): mOTP codes are not supported: Tessera makes TOTP, HOTP and Steam codes [unknown-type]\n' +
        "  entry 8 of the file (Broken Secret: broken): invalid base32 character '!' (U+0021) at position 11 [base32-invalid]\n",
    );
  });

  it('opens an encrypted Aegis vault with its password and prints the same entries as JSON', async () => {
    const run = await tessera(['import', '--json', '--password-file', aegisPassword, fixture('aegis-encrypted.json')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^tessera: warning: the JSON on standard output holds every secret in the clear/);
    const json = JSON.parse(run.stdout) as {
      format: string;
      entries: JsonEntry[];
      problems: { index: number; code: string }[];
    };
    expect(json.format).toBe('aegis');
    expect(sampleOtps(json.entries)).toEqual(SAMPLES.otps);
    expect(json.entries[0]).toMatchObject({
      index: 0,
      label: 'Example: alice@example.com',
      duplicateOf: null,
      login: { notes: expect.any(String), tags: ['Work'] },
    });
    expect(json.entries[0]!.otp!.uri).toMatch(
      /^otpauth:\/\/totp\/Example:alice%40example\.com\?secret=JBSWY3DPEHPK3PXP&/,
    );
    expect(json.problems.map((p) => [p.index, p.code])).toEqual([
      [5, 'unknown-type'],
      [6, 'unknown-type'],
      [7, 'base32-invalid'],
    ]);
  });

  const formats: [string, string, string[], RegExp][] = [
    ['2fas-plain.2fas', '2FAS backup', [], /5 entries to add, 0 duplicates, 2 unreadable/],
    [
      '2fas-encrypted.2fas',
      '2FAS backup',
      ['--password-file', fixturePassword],
      /5 entries to add, 0 duplicates, 2 unreadable/,
    ],
    ['otpauth-list.txt', 'otpauth:\\/\\/ list', [], /6 entries to add, 0 duplicates, 2 unreadable/],
    ['ente-plain.txt', 'Ente Auth export', [], /5 entries to add, 0 duplicates, 1 unreadable/],
    ['andotp-plain.json', 'andOTP backup', [], /6 entries to add, 0 duplicates, 1 unreadable/],
    // Detected by its content (the iteration count it opens with), whatever its name.
    [
      'andotp-encrypted.json.aes',
      'andOTP backup',
      ['--password-file', fixturePassword],
      /6 entries to add, 0 duplicates, 1 unreadable/,
    ],
    ['stratum-plain.json', 'Stratum backup', [], /5 entries to add, 0 duplicates, 1 unreadable/],
    [
      'stratum-encrypted.stratum',
      'Stratum backup',
      ['--password-file', fixturePassword],
      /5 entries to add, 0 duplicates, 1 unreadable/,
    ],
    ['freeotp-plus.json', 'FreeOTP\\+ backup', [], /5 entries to add, 0 duplicates, 1 unreadable/],
  ];
  for (const [name, formatName, flags, counts] of formats) {
    it(`previews ${name} (detected as ${formatName.replaceAll('\\', '')})`, async () => {
      const run = await tessera(['import', ...flags, fixture(name)]);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(
        new RegExp(`^${fixture(name).replace(/[.+]/g, '\\$&')}: ${formatName}, ${counts.source}`),
      );
      for (const line of SAMPLE_LINES) expect(run.stdout).toMatch(line);
    });
  }

  // Formats that hold only some of the five samples: the lines of those they hold.
  const partial: [string, string, string[], RegExp, number[]][] = [
    [
      'proton-plain.json',
      'Proton Authenticator export',
      [],
      /4 entries to add, 0 duplicates, 1 unreadable/,
      [0, 1, 3, 4],
    ],
    [
      'proton-encrypted.json',
      'Proton Authenticator export',
      ['--password-file', fixturePassword],
      /4 entries to add, 0 duplicates, 1 unreadable/,
      [0, 1, 3, 4],
    ],
    ['steam.maFile', 'Steam Guard maFile', [], /1 entry to add, 0 duplicates, 0 unreadable/, [3]],
    ['lastpass.json', 'LastPass Authenticator export', [], /3 entries to add, 0 duplicates, 1 unreadable/, [0, 1, 4]],
    ['raivo-otp-export.json', 'Raivo OTP export', [], /4 entries to add, 0 duplicates, 1 unreadable/, [0, 1, 2, 4]],
  ];
  for (const [name, formatName, flags, counts, samples] of partial) {
    it(`previews ${name} (detected as ${formatName})`, async () => {
      const run = await tessera(['import', ...flags, fixture(name)]);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(
        new RegExp(`^${fixture(name).replace(/[.+]/g, '\\$&')}: ${formatName}, ${counts.source}`),
      );
      for (const i of samples) expect(run.stdout).toMatch(SAMPLE_LINES[i]!);
    });
  }

  it('previews a Bitwarden CSV export as Bitwarden logins with their fields named', async () => {
    const run = await tessera(['import', fixture('bitwarden.csv')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/: Bitwarden export, 6 entries to add, 0 duplicates, 0 unreadable/);
    expect(run.stdout).not.toContain('hunter2');
  });

  it('previews a Bitwarden export: logins come with their fields named, never their values', async () => {
    const run = await tessera(['import', fixture('bitwarden.json')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      '  #1  Example: alice@example.com  (totp, SHA1, 6 digits, 30 s; with URL, username, password, notes; tags Work; favourite)\n',
    );
    expect(run.stdout).toContain('  #5  No OTP  (no OTP; with URL, username, password)\n');
    expect(run.stdout).toMatch(
      /\nadded with a note:\n {2}entry 6 of the file \(Broken TOTP: heidi\): Imported without its one-time password.*\[invalid-secret\]\n/,
    );
    expect(run.stdout).toContain(
      '  entry 8 of the file (Visa): Tessera keeps logins and notes, not a card [unsupported-item]\n',
    );
    const fixtureText = readFileSync(fixture('bitwarden.json'), 'utf8');
    const passwords = [...fixtureText.matchAll(/"password": "([^"]+)"/g)].map((m) => m[1]!);
    expect(passwords.length).toBeGreaterThan(0);
    for (const password of passwords) expect(run.stdout).not.toContain(password);
  });

  it('reads Google Authenticator exports from standard input', async () => {
    const run = await tessera(['import', '-'], readFileSync(fixture('google-migration.txt')));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^standard input: Google Authenticator export, 12 entries to add, 0 duplicates, 1 unreadable\n/,
    );
    expect(run.stdout).toMatch(/MD5 codes are not supported \[unsupported-algorithm\]\n$/);
  });

  it('flags entries that appear twice in the file, skips them, and adds them with --keep-duplicates', async () => {
    const list = scratch.write(
      'twice.txt',
      'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example\n' +
        'otpauth://totp/ACME:bob?secret=GEZDGNBVGY3TQOJQ&issuer=ACME\n' +
        'otpauth://totp/example:Alice@Example.com?secret=jbsw%20y3dp%20ehpk%203pxp&issuer=example\n',
    );
    const run = await tessera(['import', list]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      `${list}: otpauth:// list, 2 entries to add, 1 duplicate, 0 unreadable\n` +
        '\n' +
        'to add:\n' +
        '  #1  Example: alice@example.com  (totp, SHA1, 6 digits, 30 s)\n' +
        '  #2  ACME: bob  (totp, SHA1, 6 digits, 30 s)\n' +
        '\n' +
        'duplicates, skipped (--keep-duplicates adds them):\n' +
        '  #3  example: Alice@Example.com  (totp, SHA1, 6 digits, 30 s; same as #1)\n',
    );
    const kept = await tessera(['import', '--keep-duplicates', list]);
    expect(kept.stdout).toMatch(/^.*3 entries to add, 1 duplicate, 0 unreadable\n/);
    expect(kept.stdout).toContain('  #3  example: Alice@Example.com  (totp, SHA1, 6 digits, 30 s; same as #1)\n');
    expect(kept.stdout).not.toContain('skipped');
    const json = JSON.parse((await tessera(['import', '--json', list])).stdout) as { entries: JsonEntry[] };
    expect(json.entries.map((e) => e.duplicateOf)).toEqual([null, null, 0]);
  });

  it('writes the entries as a Tessera backup (mode 0600) that decrypt opens to the same entries', async () => {
    const out = scratch.path('from-aegis.tessera');
    const newPassword = scratch.write('new-password.txt', 'new backup password\n');
    const run = await tessera([
      'import',
      '--password-file',
      aegisPassword,
      '--out',
      out,
      '--new-password-file',
      newPassword,
      '--kdf',
      FLOOR_KDF_OPTION,
      fixture('aegis-encrypted.json'),
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^.*: Aegis vault, 5 entries to add, 0 duplicates, 3 unreadable\n/);
    expect(run.stderr).toBe(
      `tessera: wrote 5 entries to ${out} (mode 0600), a Tessera backup under the new password\n`,
    );
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const file = readFileSync(out);
    expect(readBackupHeader(file).kdf).toEqual(FLOOR_KDF);

    const imported = JSON.parse(
      (await tessera(['import', '--json', '--password-file', aegisPassword, fixture('aegis-encrypted.json')])).stdout,
    ) as { entries: JsonEntry[] };
    const reopened = JSON.parse((await tessera(['import', '--json', '--password-file', newPassword, out])).stdout) as {
      format: string;
      entries: JsonEntry[];
    };
    expect(reopened.format).toBe('tessera-backup');
    expect(reopened.entries.map((e) => e.otp)).toEqual(imported.entries.map((e) => e.otp));
    expect(reopened.entries[0]!.login).toMatchObject({ tags: ['Work'], notes: imported.entries[0]!.login!.notes });

    const decrypted = await tessera(['decrypt', '--format', 'otpauth', '--password-file', newPassword, out]);
    expect(decrypted.stdout.trimEnd().split('\n')).toEqual(imported.entries.map((e) => e.otp!.uri));
  });

  it('refuses a wrong password for an encrypted export', async () => {
    expect(
      expectOneLineError(
        await tessera(['import', '--password-file', fixturePassword, fixture('aegis-encrypted.json')]),
      ),
    ).toBe('tessera: wrong password [wrong-password]');
    expect(
      expectOneLineError(await tessera(['import', fixture('ente-encrypted.json')], '', { TESSERA_PASSWORD: 'nope' })),
    ).toBe('tessera: wrong password (or the file is damaged) [wrong-password]');
  });

  it('refuses bad input and impossible options with exit 2 and one line', async () => {
    const notes = scratch.write('notes.txt', 'just some notes\n');
    expect(expectOneLineError(await tessera(['import', notes]))).toMatch(/\[unknown-format\]$/);
    expect(expectOneLineError(await tessera(['import', '--format', 'aegis', fixture('otpauth-list.txt')]))).toMatch(
      /\[not-aegis\]$/,
    );
    expect(expectOneLineError(await tessera(['import', '--format', 'keepass', notes]))).toMatch(
      /^tessera: --format "keepass" is not a format Tessera reads \(google-migration, aegis, /,
    );
    const cut = scratch.write('cut.json', readFileSync(fixture('aegis-plain.json'), 'utf8').slice(0, 300));
    expect(expectOneLineError(await tessera(['import', '--format', 'aegis', cut]))).toMatch(/\[malformed\]$/);
    expect(expectOneLineError(await tessera(['import', '--json', '--out', scratch.path('x.tessera'), notes]))).toBe(
      'tessera: --json prints the entries and --out writes a backup: choose one',
    );
    expect(expectOneLineError(await tessera(['import', '--kdf', FLOOR_KDF_OPTION, notes]))).toBe(
      'tessera: --kdf only applies with --out <backup-file>',
    );
    expect(
      expectOneLineError(await tessera(['import', '--out', scratch.path('y.tessera'), '--kdf', 'm=8', notes])),
    ).toBe('tessera: --kdf m: memory (MiB) must be from 19 to 1024, got 8');
    expect(
      expectOneLineError(await tessera(['import', '--out', scratch.path('y.tessera'), '--kdf', 'fast', notes])),
    ).toMatch(/^tessera: --kdf wants m=<MiB>,t=<passes>,p=<lanes>/);
  });

  it('refuses an Aegis vault with thousands of password slots before deriving any key', async () => {
    const vault = JSON.parse(readFileSync(fixture('aegis-encrypted.json'), 'utf8')) as { header: { slots: object[] } };
    vault.header.slots = Array.from({ length: 5000 }, () => vault.header.slots[1]!);
    const hostile = scratch.write('many-slots.json', JSON.stringify(vault));
    expect(expectOneLineError(await tessera(['import', '--password-file', aegisPassword, hostile]))).toBe(
      'tessera: The file lists 5000 key slots; Tessera reads at most 16 (KDF_BUDGET.maxSlots) [kdf-budget]',
    );
  });

  it('asks for nothing it cannot ask: no new password and no terminal is refused before any output', async () => {
    const out = scratch.path('never.tessera');
    expect(expectOneLineError(await tessera(['import', '--out', out, fixture('otpauth-list.txt')]))).toBe(
      'tessera: no password: there is no terminal to ask on (give --new-password-file <path> or set TESSERA_NEW_PASSWORD)',
    );
    expect(() => statSync(out)).toThrow();
  });

  it('writes nothing when no entry can be imported', async () => {
    const list = scratch.write('broken.txt', 'otpauth://totp/x?secret=JBSW1Y3DP\n');
    const out = scratch.path('empty.tessera');
    const nothing = await tessera(['import', '--out', out, list], '', { TESSERA_NEW_PASSWORD: 'new' });
    expect(nothing.status).toBe(2);
    expect(nothing.stdout).toContain('0 entries to add');
    expect(nothing.stderr).toBe(`tessera: nothing to write to ${out}: no entry of the file can be imported\n`);
    expect(() => statSync(out)).toThrow();
  });
});
