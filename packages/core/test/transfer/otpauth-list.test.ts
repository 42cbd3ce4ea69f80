import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordView } from '../../src/vault/edit.ts';
import { exportOtpauthList, importOtpauthList } from '../../src/transfer/otpauth-list.ts';
import { uriTokens } from '../../src/transfer/uri-text.ts';
import { codes, expectTransferError, fixtureText, otps, SAMPLE_OTPS } from './helpers.ts';
import { sampleVault } from './records.ts';
import { otpArb } from './arbitraries.ts';

// fixtures/otpauth-list.txt: Google's Key Uri Format, one per line and comma-separated, CR LF
// line ends, blank lines, a steam:// URI, a line that is no URI and a broken one.

const list = fixtureText('otpauth-list.txt');

describe('otpauth:// list import', () => {
  it('reads URIs one per line or comma-separated, and steam:// URIs', async () => {
    const result = await importOtpauthList(list);
    expect(result.format).toBe('otpauth-list');
    expect(otps(result).slice(0, 5)).toEqual(SAMPLE_OTPS);
    expect(result.entries[5]!.otp).toMatchObject({ type: 'steam', issuer: 'Steam', account: '' });
    expect(codes(result)).toEqual(['6:not-otpauth-uri', '7:invalid-secret']);
    expect(result.problems[0]!.label).toBe('line "this line is not a URI"');
    expect(result.problems[1]!.label).toBe('Broken: zed');
  });

  it('splits on commas and spaces only where another URI starts', () => {
    expect(
      uriTokens('otpauth://totp/Acme, Inc:me?secret=A, otpauth://totp/B?secret=B,otpauth://totp/C?secret=C steam://D'),
    ).toEqual([
      'otpauth://totp/Acme, Inc:me?secret=A',
      'otpauth://totp/B?secret=B',
      'otpauth://totp/C?secret=C',
      'steam://D',
    ]);
  });

  it('expands Google Authenticator export URIs found in the list', async () => {
    const migration =
      'otpauth-migration://offline?data=CiUKEPqlBekzoNEukL7qlsjBCDYSCWhvdHAgZGVtbyABKAEwATgEEAEYASAAKNuv15j6%2F%2F%2F%2F%2FwE%3D';
    const result = await importOtpauthList(`${migration}\notpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP`);
    expect(otps(result).map((otp) => otp!.account)).toEqual(['hotp demo', 'y']);
  });

  it('refuses text without a single URI', async () => {
    await expectTransferError('not-otpauth-list', () => importOtpauthList('hello\nworld\n'));
    await expectTransferError('not-otpauth-list', () => importOtpauthList(''));
    await expectTransferError('not-otpauth-list', () => importOtpauthList(Uint8Array.of(0xff, 0xfe, 0x00)));
  });
});

describe('otpauth:// list export', () => {
  it('writes one URI per OTP, leaving out records without one and deleted ones, and reads back the same', async () => {
    const vault = sampleVault();
    const text = exportOtpauthList(vault);
    expect(text.trimEnd().split('\n')).toHaveLength(SAMPLE_OTPS.length);
    expect(otps(await importOtpauthList(text))).toEqual(SAMPLE_OTPS);
    // Views and stored records give the same text.
    expect(exportOtpauthList(vault.map(recordView))).toBe(text);
    expect(exportOtpauthList([])).toBe('');
  });

  it('round-trips any OTP', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(otpArb, { minLength: 1, maxLength: 8 }), async (generated) => {
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
        const back = await importOtpauthList(exportOtpauthList(views));
        expect(back.problems).toEqual([]);
        expect(otps(back)).toEqual(generated);
      }),
      { numRuns: 200 },
    );
  });
});
