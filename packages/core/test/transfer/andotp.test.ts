import { describe, expect, it } from 'vitest';
import { importAndOtp } from '../../src/transfer/andotp.ts';
import {
  codes,
  expectRefusedAtOnce,
  expectTransferError,
  fixture,
  fixtureText,
  otps,
  PASSWORD,
  SAMPLE_OTPS,
  withByte,
} from './helpers.ts';

// fixtures/andotp-*: the plain JSON andOTP writes and its two encrypted layouts, sealed by
// generate.ts with OpenSSL (PBKDF2-HMAC-SHA1 140,000 iterations or SHA-256, then AES-256-GCM).

const plain = fixtureText('andotp-plain.json');
const encrypted = fixture('andotp-encrypted.json.aes');
const old = fixture('andotp-encrypted-old.json.aes');

describe('andOTP plain backup', () => {
  it('reads every entry with its tags, splits old "Issuer - account" labels and lists mOTP as a problem', async () => {
    const result = await importAndOtp(plain);
    expect(result.format).toBe('andotp');
    expect(otps(result).slice(0, 5)).toEqual(SAMPLE_OTPS);
    expect(result.entries[0]!.login?.tags).toEqual(['Work']);
    expect(result.entries[5]!.otp).toMatchObject({ issuer: 'Legacy Corp', account: 'frank' });
    expect(codes(result)).toEqual(['6:unknown-type']);
  });

  it('names an mOTP entry for what it is, not for its hex secret', async () => {
    // mOTP secrets are hex ("0" is not base32): the type is checked before the secret is read.
    const motp = [{ secret: 'abcdef0123456789', issuer: 'Mobile OTP', label: 'mallory', type: 'MOTP', period: 10 }];
    const result = await importAndOtp(JSON.stringify(motp));
    expect(result.problems).toEqual([
      {
        index: 0,
        label: 'Mobile OTP: mallory',
        code: 'unknown-type',
        reason: 'mOTP codes are not supported: Tessera makes TOTP, HOTP and Steam codes',
        imported: false,
      },
    ]);
  });

  it('refuses other files', async () => {
    await expectTransferError('not-andotp', () => importAndOtp('{"tokens": []}'));
    await expectTransferError('malformed', () => importAndOtp(plain.slice(0, 50)));
    await expectTransferError('unsupported-encryption', () =>
      importAndOtp('-----BEGIN PGP MESSAGE-----\n\nhQEMA...\n-----END PGP MESSAGE-----\n'),
    );
  });
});

describe('andOTP encrypted backup', () => {
  it('opens both layouts with the password and reads the same entries as the plain backup', async () => {
    const expected = await importAndOtp(plain);
    expect(await importAndOtp(encrypted, { password: PASSWORD })).toEqual(expected);
    expect(await importAndOtp(old, { password: PASSWORD })).toEqual(expected);
  });

  it('asks for a password, refuses a wrong one, and refuses a cut or changed file', async () => {
    await expectTransferError('password-required', () => importAndOtp(encrypted));
    await expectTransferError('wrong-password', () => importAndOtp(old, { password: 'wrong' }));
    await expectTransferError('wrong-password', () =>
      importAndOtp(withByte(encrypted, 40, encrypted[40]! ^ 1), { password: PASSWORD }),
    );
    await expectTransferError('not-andotp', () => importAndOtp(encrypted.subarray(0, 20), { password: PASSWORD }));
    await expectTransferError('not-andotp', () => importAndOtp('not a backup'));
  });

  it('never runs PBKDF2 for an iteration count outside its bounds', async () => {
    // 2^32 - 1 iterations would take hours: the count is not taken for one, and the old layout,
    // a single SHA-256, is all that is tried.
    const hostile = encrypted.slice();
    hostile.set([0xff, 0xff, 0xff, 0xff], 0);
    await expectRefusedAtOnce('wrong-password', () => importAndOtp(hostile, { password: PASSWORD }));
  });
});
