import { describe, expect, it } from 'vitest';
import { importTwoFas } from '../../src/transfer/twofas.ts';
import { codes, expectTransferError, fixtureText, otps, PASSWORD, SAMPLE_OTPS } from './helpers.ts';

// fixtures/2fas-*.2fas follow 2FAS's BackupContent (schema 4); the encrypted one was sealed by
// generate.ts with OpenSSL's PBKDF2-HMAC-SHA256 and AES-256-GCM, reference included.

const plain = fixtureText('2fas-plain.2fas');
const encrypted = fixtureText('2fas-encrypted.2fas');
type Json = Record<string, any>;
const edit = (source: string, change: (file: Json) => void): string => {
  const file = JSON.parse(source) as Json;
  change(file);
  return JSON.stringify(file);
};
// servicesEncrypted and reference are "ciphertext:salt:iv"; these change one part.
const part = (value: string, index: number, change: (bytes: Buffer) => Buffer): string =>
  value
    .split(':')
    .map((p, i) => (i === index ? change(Buffer.from(p, 'base64')).toString('base64') : p))
    .join(':');

describe('2FAS plain backup', () => {
  it('reads every service, its group as a tag, and lists the unreadable ones', async () => {
    const result = await importTwoFas(plain);
    expect(result.format).toBe('2fas');
    expect(otps(result)).toEqual(SAMPLE_OTPS);
    expect(result.entries[0]!.login?.tags).toEqual(['Work']);
    expect(result.entries[1]!.login).toBeUndefined();
    expect(codes(result)).toEqual(['5:base32-invalid', '6:unsupported-algorithm']);
    expect(result.problems[1]!.label).toBe('Old Hash: olga');
  });

  it("takes the service name as the issuer, falling back to the code's issuer and the label", async () => {
    const renamed = edit(plain, (file) => {
      file.services[0].name = '';
      file.services[1].otp.account = '';
    });
    const result = await importTwoFas(renamed);
    expect(result.entries[0]!.otp!.issuer).toBe('Example');
    expect(result.entries[1]!.otp!.account).toBe('bob');
  });

  it('refuses other files, newer schemas and damage with typed errors', async () => {
    await expectTransferError('not-2fas', () => importTwoFas('{"services": []}'));
    await expectTransferError('not-2fas', () => importTwoFas('[]'));
    await expectTransferError('unsupported-version', () =>
      importTwoFas(edit(plain, (file) => (file.schemaVersion = 5))),
    );
    await expectTransferError('malformed', () => importTwoFas(plain.slice(0, 100)));
  });
});

describe('2FAS encrypted backup', () => {
  it('opens with the password and reads the same services as the plain backup', async () => {
    expect(await importTwoFas(encrypted, { password: PASSWORD })).toEqual(await importTwoFas(plain));
  });

  it('asks for a password and refuses a wrong one', async () => {
    await expectTransferError('password-required', () => importTwoFas(encrypted));
    await expectTransferError('wrong-password', () => importTwoFas(encrypted, { password: 'Tessera-fixture' }));
  });

  it('tells a wrong password from damaged services by the reference', async () => {
    const damaged = edit(
      encrypted,
      (file) => (file.servicesEncrypted = part(file.servicesEncrypted, 0, (b) => ((b[5]! ^= 1), b))),
    );
    await expectTransferError('malformed', () => importTwoFas(damaged, { password: PASSWORD }));
    // Without the reference (older backups) the one failure reads as a wrong password.
    const noReference = edit(damaged, (file) => delete file.reference);
    await expectTransferError('wrong-password', () => importTwoFas(noReference, { password: PASSWORD }));
    const noReferenceIntact = edit(encrypted, (file) => delete file.reference);
    expect((await importTwoFas(noReferenceIntact, { password: PASSWORD })).entries).toHaveLength(5);
  });

  it('refuses malformed encrypted fields before deriving a key', async () => {
    const cases: [string, 'malformed' | 'kdf-params'][] = [
      [edit(encrypted, (file) => (file.servicesEncrypted = 'abc:def')), 'malformed'],
      [
        edit(encrypted, (file) => (file.servicesEncrypted = part(file.servicesEncrypted, 2, (b) => b.subarray(0, 8)))),
        'malformed',
      ],
      [
        edit(encrypted, (file) => (file.servicesEncrypted = part(file.servicesEncrypted, 1, (b) => b.subarray(0, 4)))),
        'kdf-params',
      ],
      [edit(encrypted, (file) => (file.servicesEncrypted = file.servicesEncrypted.replace(':', '!:'))), 'malformed'],
    ];
    for (const [file, code] of cases) await expectTransferError(code, () => importTwoFas(file, { password: PASSWORD }));
  });
});
