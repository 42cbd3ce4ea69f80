import { describe, expect, it } from 'vitest';
import { importFreeOtpPlus } from '../../src/transfer/freeotp-plus.ts';
import { codes, expectTransferError, fixtureText, otps, SAMPLE_OTPS } from './helpers.ts';

// fixtures/freeotp-plus.json: FreeOTP+'s export, secrets as Java's signed bytes.

const file = fixtureText('freeotp-plus.json');

describe('FreeOTP+ backup', () => {
  it('reads every token, signed-byte secrets and Steam by its issuer, and lists MD5 as a problem', async () => {
    const result = await importFreeOtpPlus(file);
    expect(result.format).toBe('freeotp-plus');
    expect(otps(result)).toEqual(SAMPLE_OTPS);
    expect(result.entries.every((entry) => entry.login === undefined)).toBe(true);
    expect(codes(result)).toEqual(['5:unsupported-algorithm']);
  });

  it('reports secrets that are not bytes', async () => {
    const tokens = [
      { algo: 'SHA1', digits: 6, issuerExt: 'A', label: 'a', period: 30, secret: [1, 2, 300], type: 'TOTP' },
      { algo: 'SHA1', digits: 6, issuerExt: 'B', label: 'b', period: 30, secret: 'JBSWY3DP', type: 'TOTP' },
      { algo: 'SHA1', digits: 6, issuerExt: 'C', label: 'c', period: 30, secret: [], type: 'TOTP' },
      { algo: 'SHA1', digits: 6, issuerExt: 'D', label: 'd', period: 30, secret: [-1, 128, 255], type: 'TOTP' },
    ];
    const result = await importFreeOtpPlus(JSON.stringify({ tokenOrder: [], tokens }));
    expect(codes(result)).toEqual(['0:invalid-secret', '1:missing-secret', '2:invalid-secret']);
    expect(result.entries[0]!.otp!.secret).toEqual(Uint8Array.of(255, 128, 255));
  });

  it('refuses other files', async () => {
    await expectTransferError('not-freeotp-plus', () => importFreeOtpPlus('{"services": []}'));
    await expectTransferError('malformed', () => importFreeOtpPlus(file.slice(0, 40)));
  });
});
