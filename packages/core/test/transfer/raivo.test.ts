import { describe, expect, it } from 'vitest';
import { importRaivo } from '../../src/transfer/raivo.ts';
import { codes, expectTransferError, fixtureText, otps, SAMPLE_OTPS } from './helpers.ts';

// fixtures/raivo-otp-export.json: the JSON inside Raivo OTP's export ZIP (every value a string).

const file = fixtureText('raivo-otp-export.json');

describe('Raivo OTP export', () => {
  it('reads TOTP and HOTP entries from string fields, and lists a broken secret as a problem', async () => {
    const result = await importRaivo(file);
    expect(result.format).toBe('raivo');
    expect(otps(result)).toEqual([SAMPLE_OTPS[0], SAMPLE_OTPS[1], SAMPLE_OTPS[2], SAMPLE_OTPS[4]]);
    expect(codes(result)).toEqual(['4:base32-invalid']);
  });

  it('refuses other files: an andOTP list, an object, a cut file', async () => {
    await expectTransferError('not-raivo', () => importRaivo('[{"secret": "JBSWY3DP", "type": "TOTP"}]'));
    await expectTransferError('not-raivo', () => importRaivo('{"kind": "TOTP"}'));
    await expectTransferError('malformed', () => importRaivo(file.slice(0, 40)));
  });
});
