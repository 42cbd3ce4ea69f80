import { describe, expect, it } from 'vitest';
import { importBitwarden } from '../../src/transfer/bitwarden.ts';
import { parseCsv } from '../../src/transfer/csv.ts';
import { codes, expectTransferError, fixtureText, NOTE, SAMPLE_OTPS } from './helpers.ts';

// fixtures/bitwarden.csv: Bitwarden's CSV export (BOM, CR LF, quoted fields with commas, quotes
// and line breaks), read as Bitwarden items.

const file = fixtureText('bitwarden.csv');

describe('Bitwarden CSV export', () => {
  it('reads logins with username, password, URL, notes, fields, folder, favourite and TOTP', async () => {
    const result = await importBitwarden(file);
    expect(result.format).toBe('bitwarden');
    const [example, acme, steam, noOtp, broken, note] = result.entries;
    expect(example).toEqual({
      otp: SAMPLE_OTPS[0],
      login: {
        title: 'Example',
        url: 'https://example.com/login',
        username: 'alice@example.com',
        password: 'hunter2',
        notes: `${NOTE}, and "more"\nsecond line\n\nURL: https://example.org\nPIN: 1234\nRegion: EU`,
        tags: ['Work'],
        favourite: true,
      },
    });
    expect(acme!.otp).toEqual(SAMPLE_OTPS[1]);
    expect(acme!.login!.password).toBe('p,a"ss');
    expect(steam!.otp).toEqual(SAMPLE_OTPS[3]);
    expect(noOtp).toMatchObject({
      otp: null,
      login: { title: 'No OTP', username: 'nobody', password: 'pw', url: 'https://nootp.example' },
    });
    expect(broken).toMatchObject({ otp: null, login: { title: 'Broken TOTP' } });
    expect(note).toMatchObject({
      otp: null,
      login: { title: 'Door code', notes: 'The door code is 4711', tags: ['Work'] },
    });
    expect(codes(result)).toEqual(['4:base32-invalid (imported)']);
  });

  it('refuses a CSV that is not Bitwarden and a quote left open', async () => {
    await expectTransferError('not-bitwarden', () => importBitwarden('name,url,username,password\nA,https://a,b,c\n'));
    await expectTransferError('malformed', () => importBitwarden(file.slice(0, file.indexOf('second line'))));
  });

  it('parses RFC 4180: quotes, doubled quotes, line breaks in fields, CR LF and LF', () => {
    expect(parseCsv('a,"b,1","c ""q""",\r\n"x\ny",z\n\n')).toEqual([
      ['a', 'b,1', 'c "q"', ''],
      ['x\ny', 'z'],
    ]);
    expect(parseCsv('"open')).toBeNull();
    expect(parseCsv('"a"b')).toBeNull();
  });
});
