import { describe, expect, it } from 'vitest';
import { otpCode } from '@tessera/core/otp/code';
import { parseOtpUri } from '@tessera/core/otp/uri';
import { expectOneLineError, tessera } from './run.ts';

// RFC 6238 Appendix B: the SHA1 seed in base32, 8 digits; 1111111109 s gives 07081804, the next step 14050471.
const RFC = 'otpauth://totp/RFC%206238:test?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8';

describe('tessera code', () => {
  it('prints the label, the code with its seconds left, and the next code', async () => {
    const run = await tessera(['code', RFC, '--at', '1111111109']);
    expect(run).toEqual({
      status: 0,
      stderr: '',
      stdout: 'RFC 6238: test\ncode  07081804  1 s left of 30 s\nnext  14050471\n',
    });
  });

  it('prints JSON for machines', async () => {
    const run = await tessera(['code', '--json', '--at', '1111111111.5', RFC]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      type: 'totp',
      issuer: 'RFC 6238',
      account: 'test',
      code: '14050471',
      next: expect.stringMatching(/^\d{8}$/),
      secondsLeft: 29,
      period: 30,
      counter: null,
      at: 1111111111.5,
    });
  });

  it('counts hotp by counter (RFC 4226 Appendix D counters 4 and 5)', async () => {
    const run = await tessera(['code', 'otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=4']);
    expect(run).toEqual({ status: 0, stderr: '', stdout: 'x\ncode  338314  counter 4\nnext  254676  counter 5\n' });
  });

  it('shows Steam codes and reads the URI from standard input with -', async () => {
    // KeePassXC's Steam vector: FR8RV at 1511200518 s.
    const run = await tessera(['code', '--at', '1511200518', '-'], 'steam://63BEDWCQZKTQWPESARIERL5DTTQFCJTK\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Steam\ncode {2}FR8RV {2}12 s left of 30 s\nnext {2}[23456789BCDFGHJKMNPQRTVWXY]{5}\n$/,
    );
  });

  it('uses the clock when --at is not given', async () => {
    const uri = 'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';
    const before = Date.now();
    const run = await tessera(['code', '--json', uri]);
    const after = Date.now();
    const shown = JSON.parse(run.stdout) as { code: string; at: number };
    expect(shown.at * 1000).toBeGreaterThanOrEqual(before);
    expect(shown.at * 1000).toBeLessThanOrEqual(after);
    expect(shown.code).toBe(otpCode(parseOtpUri(uri), shown.at * 1000).code);
  });

  const refusals: [string, string[], string, string | RegExp][] = [
    [
      'a secret that is not base32',
      ['code', 'otpauth://totp/x?secret=JBSW1Y3DP'],
      '',
      "tessera: the secret is not valid base32: invalid base32 character '1' (U+0031) at position 5 [invalid-secret]",
    ],
    ['digits out of range', ['code', 'otpauth://totp/x?secret=JBSWY3DP&digits=12'], '', /\[digits-out-of-range\]$/],
    ['a URI that is not otpauth', ['code', 'https://example.com'], '', /\[not-otpauth-uri\]$/],
    [
      '--at that is not a time',
      ['code', RFC, '--at', 'yesterday'],
      '',
      'tessera: --at wants Unix seconds (a number from 0 up), got "yesterday"',
    ],
    ['--at without a value', ['code', RFC, '--at'], '', /--at/],
    ['an unknown flag', ['code', RFC, '--colour'], '', "tessera: Unknown option '--colour' (try: tessera help code)"],
    ['no URI', ['code'], '', /missing the otpauth:\/\/ URI/],
    [
      'an unquoted URI split by the shell',
      ['code', 'otpauth://totp/x?secret=A', 'B'],
      '',
      /expected one otpauth:\/\/ URI/,
    ],
    ['empty standard input', ['code', '-'], '', 'tessera: standard input holds no otpauth:// URI'],
  ];
  for (const [what, args, stdin, expected] of refusals) {
    it(`refuses ${what} with exit 2 and one line`, async () => {
      const line = expectOneLineError(await tessera(args, stdin));
      if (typeof expected === 'string') expect(line).toBe(expected);
      else expect(line).toMatch(expected);
    });
  }
});
