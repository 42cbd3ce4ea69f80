import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base32Decode, base32Encode } from '../../src/otp/base32.ts';
import { OtpError } from '../../src/otp/types.ts';
import { ascii } from './helpers.ts';
import rfc4648 from './vectors/rfc4648-base32.json' with { type: 'json' };

describe('base32 (RFC 4648)', () => {
  for (const { ascii: text, base32 } of rfc4648.cases) {
    it(`§10: BASE32(${JSON.stringify(text)}) = ${JSON.stringify(base32)}`, () => {
      expect(base32Encode(ascii(text), { padding: true })).toBe(base32);
      expect(base32Encode(ascii(text))).toBe(base32.replace(/=+$/, ''));
      expect(base32Decode(base32)).toEqual(ascii(text));
      expect(base32Decode(base32.replace(/=+$/, ''))).toEqual(ascii(text));
    });
  }

  it('reads setup keys the way people type them: any case, spaces, dashes, line breaks', () => {
    const bytes = base32Decode('JBSWY3DPEHPK3PXP');
    expect(base32Decode('jbsw y3dp ehpk 3pxp')).toEqual(bytes);
    expect(base32Decode('JbSw-Y3dP-eHpK-3pXp')).toEqual(bytes);
    expect(base32Decode(' jbswy3dp\n\tehpk3pxp\r\n')).toEqual(bytes);
    expect(base32Decode('MZXW6YQ')).toEqual(ascii('foob'));
    expect(base32Decode('mzxw6yq=')).toEqual(ascii('foob'));
  });

  it('ignores the unused low bits of the last character, as Google Authenticator does', () => {
    // 'MZ' and 'MY' both hold the byte 'f' (0x66); 'Z' leaves two non-zero bits over.
    expect(base32Decode('MZ')).toEqual(ascii('f'));
  });

  it('names the bad character and its position', () => {
    const cases: [string, string][] = [
      ['JBSW1Y3DP', "invalid base32 character '1' (U+0031) at position 5"],
      ['JBSWY3DP0', "invalid base32 character '0' (U+0030) at position 9"],
      ['jbsw y3dp ehpk 3pxp!', "invalid base32 character '!' (U+0021) at position 20"],
      ['MZXW6===YQ', "base32 character 'Y' (U+0059) after padding at position 9"],
      ['MZXW_YQ', "invalid base32 character '_' (U+005F) at position 5"],
      ['MZ\u00e9', 'invalid base32 character U+00E9 at position 3'],
      ['MZ\u0000', 'invalid base32 character U+0000 at position 3'],
      ['🙂MZ', 'invalid base32 character U+1F642 at position 1'],
    ];
    for (const [text, message] of cases) {
      const error = catchError(() => base32Decode(text));
      expect(error).toBeInstanceOf(OtpError);
      expect((error as OtpError).code).toBe('base32-invalid');
      expect((error as OtpError).message).toBe(message);
    }
  });

  it('refuses lengths that cannot end a base32 encoding (1, 3 or 6 characters past a block of 8)', () => {
    for (const text of ['M', 'MZX', 'MZXW6Y', 'MZXW6YTBM', 'MZXW6YTB-OI3']) {
      expect(() => base32Decode(text)).toThrowError(expect.objectContaining({ code: 'base32-invalid' }));
    }
    expect(catchError(() => base32Decode('MZ-X')).message).toBe(
      'base32 text of 3 characters is cut short: the last character at position 4 does not complete a byte',
    );
  });

  it('round-trips any bytes, padded or not, in any case and grouping', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), fc.nat(7), (bytes, padding, group) => {
        const text = base32Encode(bytes, { padding });
        expect(text).toMatch(padding ? /^[A-Z2-7]*=*$/ : /^[A-Z2-7]*$/);
        expect(base32Decode(text)).toEqual(bytes);
        const grouped = group === 0 ? text.toLowerCase() : text.replace(new RegExp(`(.{${group}})`, 'g'), '$1 ');
        expect(base32Decode(grouped)).toEqual(bytes);
      }),
    );
  });
});

function catchError(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
