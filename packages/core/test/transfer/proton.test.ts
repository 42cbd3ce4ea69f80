import { describe, expect, it } from 'vitest';
import { importProton } from '../../src/transfer/proton.ts';
import { codes, expectTransferError, fixtureText, NOTE, otps, PASSWORD, SAMPLE_OTPS } from './helpers.ts';

// fixtures/proton-*.json: Proton Authenticator's export as proton-pass-common's exporter.rs and
// password_exporter.rs write it; the encrypted one sealed by generate.ts with OpenSSL's Argon2id
// and AES-256-GCM.

const plain = fixtureText('proton-plain.json');
const encrypted = fixtureText('proton-encrypted.json');
const EXPECTED = [SAMPLE_OTPS[0], SAMPLE_OTPS[1], SAMPLE_OTPS[3], SAMPLE_OTPS[4]];
type Json = Record<string, unknown>;
const edit = (source: string, change: (file: Json) => void): string => {
  const file = JSON.parse(source) as Json;
  change(file);
  return JSON.stringify(file);
};

describe('Proton Authenticator export', () => {
  it('reads TOTP and Steam entries with their notes, and lists a broken secret as a problem', async () => {
    const result = await importProton(plain);
    expect(result.format).toBe('proton');
    expect(otps(result)).toEqual(EXPECTED);
    expect(result.entries[0]!.login).toEqual({
      title: '',
      url: '',
      username: '',
      password: '',
      notes: NOTE,
      tags: [],
      favourite: false,
    });
    expect(result.entries.slice(1).every((entry) => entry.login === undefined)).toBe(true);
    expect(codes(result)).toEqual(['4:invalid-secret']);
  });

  it('opens the password-protected export to the same entries', async () => {
    expect(await importProton(encrypted, { password: PASSWORD })).toEqual(await importProton(plain));
  });

  it('asks for the password, refuses a wrong one and a tampered file', async () => {
    await expectTransferError('password-required', () => importProton(encrypted));
    await expectTransferError('wrong-password', () => importProton(encrypted, { password: 'nope' }));
    const tampered = edit(encrypted, (file) => {
      const bytes = Buffer.from(file.content as string, 'base64');
      bytes[20]! ^= 1;
      file.content = bytes.toString('base64');
    });
    await expectTransferError('wrong-password', () => importProton(tampered, { password: PASSWORD }));
  });

  it('refuses other files, other versions and a damaged envelope with typed errors', async () => {
    await expectTransferError('not-proton', () => importProton('{"items": []}'));
    await expectTransferError('not-proton', () => importProton('hello'));
    await expectTransferError('malformed', () => importProton(plain.slice(0, 50)));
    await expectTransferError('unsupported-version', () => importProton(edit(plain, (file) => (file.version = 2))));
    await expectTransferError('unsupported-version', () =>
      importProton(
        edit(encrypted, (file) => (file.version = 2)),
        { password: PASSWORD },
      ),
    );
    await expectTransferError('malformed', () =>
      importProton(
        edit(encrypted, (file) => (file.salt = 'AAAA')),
        { password: PASSWORD },
      ),
    );
    await expectTransferError('malformed', () =>
      importProton(
        edit(encrypted, (file) => (file.content = 'not base64!')),
        { password: PASSWORD },
      ),
    );
    await expectTransferError('malformed', () =>
      importProton(
        edit(encrypted, (file) => (file.content = 'AAAA')),
        { password: PASSWORD },
      ),
    );
  });
});
