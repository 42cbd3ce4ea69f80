import { describe, expect, it } from 'vitest';
import { importStratum } from '../../src/transfer/stratum.ts';
import {
  codes,
  expectTransferError,
  fixture,
  fixtureText,
  otps,
  PASSWORD,
  SAMPLE_OTPS,
  text,
  withByte,
} from './helpers.ts';

// fixtures/stratum-*: Stratum (Authenticator Pro) backups as stratumauth/app writes them: plain
// JSON, the Argon2id + AES-GCM "AUTHENTICATORPRO" file and the legacy PBKDF2 + AES-CBC
// "AuthenticatorPro" file, sealed by generate.ts with OpenSSL.

const plain = fixtureText('stratum-plain.json');
const strong = fixture('stratum-encrypted.stratum');
const legacy = fixture('stratum-legacy.authpro');

describe('Stratum backup', () => {
  it('reads every authenticator with its category as a tag, and lists mOTP as a problem', async () => {
    const result = await importStratum(plain);
    expect(result.format).toBe('stratum');
    expect(otps(result)).toEqual(SAMPLE_OTPS);
    expect(result.entries[0]!.login!.tags).toEqual(['Work']);
    expect(result.entries.slice(1).every((entry) => entry.login === undefined)).toBe(true);
    expect(codes(result)).toEqual(['5:unknown-type']);
  });

  it('opens the Argon2id backup and the legacy PBKDF2 backup to the same entries', async () => {
    const expected = await importStratum(plain);
    expect(await importStratum(strong, { password: PASSWORD })).toEqual(expected);
    expect(await importStratum(legacy, { password: PASSWORD })).toEqual(expected);
  }, 60_000);

  it('asks for the password and refuses a wrong one or a tampered file', async () => {
    await expectTransferError('password-required', () => importStratum(strong));
    await expectTransferError('wrong-password', () => importStratum(strong, { password: 'nope' }));
    await expectTransferError('wrong-password', () =>
      importStratum(withByte(strong, strong.length - 1, strong.at(-1)! ^ 1), { password: PASSWORD }),
    );
    await expectTransferError('wrong-password', () => importStratum(legacy, { password: 'nope' }));
  }, 60_000);

  it('refuses other files and cut files with typed errors', async () => {
    await expectTransferError('not-stratum', () => importStratum('{"services": []}'));
    await expectTransferError('malformed', () => importStratum(plain.slice(0, 60)));
    await expectTransferError('malformed', () => importStratum(strong.subarray(0, 40), { password: PASSWORD }));
    // The header alone makes an encrypted backup, and this one is too short to be one.
    await expectTransferError('malformed', () =>
      importStratum(text('AUTHENTICATORPRO but short'), { password: PASSWORD }),
    );
  });
});
