import { describe, expect, it } from 'vitest';
import { BITWARDEN_KDF_LIMITS } from '../../src/transfer/bitwarden-crypto.ts';
import { bitwardenTotp, importBitwarden } from '../../src/transfer/bitwarden.ts';
import {
  codes,
  expectRefusedAtOnce,
  expectTransferError,
  fixtureText,
  NOTE,
  PASSWORD,
  SAMPLE_OTPS,
} from './helpers.ts';

// fixtures/bitwarden*.json follow bitwarden/clients' export types; the password-protected ones
// were sealed by generate.ts with OpenSSL (PBKDF2-SHA256 or Argon2id, HKDF-Expand, AES-256-CBC,
// HMAC-SHA256) exactly as BaseVaultExportService.buildPasswordExport describes.

const plain = fixtureText('bitwarden.json');
const pbkdf2 = fixtureText('bitwarden-encrypted-pbkdf2.json');
const argon2 = fixtureText('bitwarden-encrypted-argon2id.json');
const [EXAMPLE, ACME, , STEAM] = SAMPLE_OTPS;
type Json = Record<string, any>;
const edit = (source: string, change: (file: Json) => void): string => {
  const file = JSON.parse(source) as Json;
  change(file);
  return JSON.stringify(file);
};

describe('Bitwarden JSON export', () => {
  it('turns logins into records with their login fields and TOTP', async () => {
    const result = await importBitwarden(plain);
    expect(result.format).toBe('bitwarden');
    expect(result.entries[0]).toEqual({
      otp: EXAMPLE,
      login: {
        title: 'Example',
        url: 'https://example.com/login',
        username: 'alice@example.com',
        password: 'hunter2',
        // Tessera keeps one URL: the others and the custom fields (not the linked one) follow the note.
        notes: `${NOTE}\n\nURL: https://accounts.example.com\nPIN: 4321`,
        tags: ['Work'],
        favourite: true,
      },
    });
    expect(result.entries[1]!.otp).toEqual(ACME);
    expect(result.entries[2]!.otp).toEqual(STEAM);
    expect(result.entries[3]!.otp).toEqual({ ...EXAMPLE, issuer: 'Bare Secret', account: 'frank' });
    expect(result.entries[4]).toEqual({
      otp: null,
      login: {
        title: 'No OTP',
        url: 'https://no-otp.example',
        username: 'grace',
        password: 'only-a-password',
        notes: '',
        tags: [],
        favourite: false,
      },
    });
  });

  it('keeps secure notes, imports a login whose TOTP is broken without it, and refuses cards', async () => {
    const result = await importBitwarden(plain);
    expect(result.entries[5]).toMatchObject({
      otp: null,
      login: { title: 'Broken TOTP', username: 'heidi', password: 'broken-password' },
    });
    expect(result.entries[6]).toEqual({
      otp: null,
      login: {
        title: 'Wi-Fi',
        url: '',
        username: '',
        password: '',
        notes: 'Network: home\nKey: not-a-real-key',
        tags: ['Work'],
        favourite: false,
      },
    });
    expect(result.entries).toHaveLength(7);
    expect(codes(result)).toEqual(['5:invalid-secret (imported)', '7:unsupported-item']);
    expect(result.problems[0]!.reason).toMatch(/^Imported without its one-time password/);
    expect(result.problems[1]!.reason).toBe('Tessera keeps logins and notes, not a card');
  });

  it('notes a passkey it cannot keep and maps organisation collections to tags', async () => {
    const withExtras = edit(plain, (file) => {
      file.collections = [{ id: 'c1', organizationId: 'o', name: 'Team', externalId: null }];
      file.items[1].collectionIds = ['c1', 'missing'];
      file.items[1].login.fido2Credentials = [{ credentialId: 'x' }];
    });
    const result = await importBitwarden(withExtras);
    expect(result.entries[1]!.login!.tags).toEqual(['Team']);
    expect(codes(result)).toContain('1:passkey-not-imported (imported)');
  });

  it('reads login.totp in every form Bitwarden accepts', () => {
    expect(bitwardenTotp('JBSWY3DPEHPK3PXP', 'Site', 'me')).toEqual({ ...EXAMPLE, issuer: 'Site', account: 'me' });
    expect(bitwardenTotp('otpauth://totp/?secret=JBSWY3DPEHPK3PXP', 'Site', 'me')).toEqual({
      ...EXAMPLE,
      issuer: 'Site',
      account: 'me',
    });
    expect(bitwardenTotp('steam://UCQ2FI5EUWTKPKFJVKV2ZLNOV6YLDMVT', 'Steam', 'dave')).toEqual(STEAM);
    // steam:// carries the secret only: Bitwarden's own issuer (Steam) stays, no account to add.
    expect(bitwardenTotp('STEAM://UCQ2FI5EUWTKPKFJVKV2ZLNOV6YLDMVT', 'Game', '')).toEqual({ ...STEAM, account: '' });
    expect(() => bitwardenTotp('not base32!', 'Site', 'me')).toThrow(/base32/);
  });

  it('refuses files that are not Bitwarden exports', async () => {
    await expectTransferError('not-bitwarden', () => importBitwarden('{"encrypted": false}'));
    await expectTransferError('not-bitwarden', () => importBitwarden('name,login_uri\nx,y'));
    await expectTransferError('malformed', () => importBitwarden(plain.slice(0, 300)));
  });
});

describe('Bitwarden password-protected export', () => {
  it('opens with PBKDF2-SHA256 and with Argon2id and reads the same items as the plain export', async () => {
    const expected = await importBitwarden(plain);
    expect(await importBitwarden(pbkdf2, { password: PASSWORD })).toEqual(expected);
    expect(await importBitwarden(argon2, { password: PASSWORD })).toEqual(expected);
  });

  it('asks for a password and refuses a wrong one, for both key derivations', async () => {
    for (const file of [pbkdf2, argon2]) {
      await expectTransferError('password-required', () => importBitwarden(file));
      await expectTransferError('wrong-password', () => importBitwarden(file, { password: `${PASSWORD} ` }));
    }
  });

  it('tells damaged data from a wrong password by the validation string', async () => {
    const damaged = edit(pbkdf2, (file) => {
      const [iv, data, mac] = file.data.slice(2).split('|');
      const bytes = Buffer.from(data, 'base64');
      bytes[0]! ^= 1;
      file.data = `2.${iv}|${bytes.toString('base64')}|${mac}`;
    });
    await expectTransferError('malformed', () => importBitwarden(damaged, { password: PASSWORD }));
    await expectTransferError('wrong-password', () =>
      importBitwarden(
        edit(damaged, (file) => delete file.encKeyValidation_DO_NOT_EDIT),
        { password: PASSWORD },
      ),
    );
    await expectTransferError('unsupported-encryption', () =>
      importBitwarden(
        edit(pbkdf2, (file) => (file.data = file.data.replace(/^2\./, '0.'))),
        { password: PASSWORD },
      ),
    );
    await expectTransferError('malformed', () =>
      importBitwarden(
        edit(pbkdf2, (file) => (file.data = '2.abc|def')),
        { password: PASSWORD },
      ),
    );
  });

  it('refuses hostile KDF settings before deriving anything', async () => {
    const L = BITWARDEN_KDF_LIMITS;
    const hostile = [
      edit(pbkdf2, (file) => (file.kdfIterations = L.maxPbkdf2Iterations + 1)),
      edit(pbkdf2, (file) => (file.kdfIterations = 1e12)),
      edit(pbkdf2, (file) => (file.kdfIterations = 100)),
      edit(pbkdf2, (file) => (file.kdfIterations = '600000')),
      edit(pbkdf2, (file) => (file.kdfType = 7)),
      edit(argon2, (file) => (file.kdfMemory = L.maxArgon2MemoryMiB + 1)),
      edit(argon2, (file) => (file.kdfMemory = 4)),
      edit(argon2, (file) => (file.kdfIterations = 11)),
      edit(argon2, (file) => (file.kdfParallelism = 0)),
      edit(argon2, (file) => delete file.kdfMemory),
    ];
    for (const file of hostile) {
      await expectRefusedAtOnce('kdf-params', () => importBitwarden(file, { password: PASSWORD }));
      // Refused before the app would ask for a password it cannot use.
      await expectTransferError('kdf-params', () => importBitwarden(file));
    }
  });

  it('explains that an account-restricted export only opens in Bitwarden', async () => {
    const error = await expectTransferError('account-restricted', () =>
      importBitwarden(fixtureText('bitwarden-account-restricted.json'), { password: PASSWORD }),
    );
    expect(error.message).toContain('Password protected');
  });
});
