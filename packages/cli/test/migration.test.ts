import { describe, expect, it } from 'vitest';
import { expectOneLineError, tessera } from './run.ts';

describe('tessera migration', () => {
  it('prints one otpauth:// URI per entry of a real Google Authenticator export', async () => {
    // scito/extract_otp_secrets example_export.txt: two entries in one QR code.
    const run = await tessera([
      'migration',
      'otpauth-migration://offline?data=CigKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpIAEoATACCjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACiQ7OOa%2Bf%2F%2F%2F%2F8B',
    ]);
    expect(run).toEqual({
      status: 0,
      stderr: '',
      stdout:
        'otpauth://totp/pi%40raspberrypi?secret=7KSQL2JTUDIS5EF65KLMRQIIGY&algorithm=SHA1&digits=6&period=30\n' +
        'otpauth://totp/raspberrypi:pi%40raspberrypi?secret=7KSQL2JTUDIS5EF65KLMRQIIGY&issuer=raspberrypi&algorithm=SHA1&digits=6&period=30\n',
    });
  });

  it('prints the usable entries, one stderr line per unusable one, and exits 2', async () => {
    // Entry 1 SHA1 'Bank:bob'; entry 2 MD5 'Mail: carol'; batch 1 of 3.
    const payload =
      '0a1c' +
      '0a0a48656c6c6f21deadbeef' +
      '120842616e6b3a626f62' +
      '200128013002' +
      '0a1f' +
      '0a0a48656c6c6f21deadbeef' +
      '12056361726f6c' +
      '1a044d61696c' +
      '200428013002' +
      '1001' +
      '1803' +
      '2000' +
      '2807';
    const data = encodeURIComponent(Buffer.from(payload, 'hex').toString('base64'));
    const run = await tessera(['migration', '-'], `otpauth-migration://offline?data=${data}\n`);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe(
      'otpauth://totp/Bank:bob?secret=JBSWY3DPEHPK3PXP&issuer=Bank&algorithm=SHA1&digits=6&period=30\n',
    );
    expect(run.stderr).toBe(
      'tessera: entry 2 ("Mail: carol"): MD5 codes are not supported [unsupported-algorithm]\n' +
        'tessera: this is QR code 1 of 3 of export 7; the others hold more entries\n',
    );
  });

  it('refuses what is not a usable export with exit 2 and one line', async () => {
    expect(expectOneLineError(await tessera(['migration', 'otpauth://totp/x?secret=JBSWY3DP']))).toMatch(
      /\[not-migration-uri\]$/,
    );
    expect(expectOneLineError(await tessera(['migration', 'otpauth-migration://offline?data=CgAAA']))).toMatch(
      /\[migration-bad-data\]$/,
    );
    expect(expectOneLineError(await tessera(['migration', 'otpauth-migration://offline?data=CgVAAQ%3D%3D']))).toMatch(
      /\[migration-bad-data\]$/,
    );
  });
});
