import { describe, expect, it } from 'vitest';
import { ENTE_KDF_LIMITS, importEnte } from '../../src/transfer/ente.ts';
import {
  codes,
  expectRefusedAtOnce,
  expectTransferError,
  fixtureText,
  NOTE,
  otps,
  PASSWORD,
  SAMPLE_OTPS,
} from './helpers.ts';

// fixtures/ente-*: the plain export as Ente Auth writes it (otpauth:// lines with codeDisplay);
// the encrypted ones were sealed by generate.ts with libsodium itself (crypto_pwhash Argon2id,
// crypto_secretstream_xchacha20poly1305), once with TAG_FINAL as current Ente versions write and
// once with TAG_MESSAGE as older ones did.

const plain = fixtureText('ente-plain.txt');
const encrypted = fixtureText('ente-encrypted.json');
type Json = Record<string, any>;
const edit = (change: (file: Json) => void): string => {
  const file = JSON.parse(encrypted) as Json;
  change(file);
  return JSON.stringify(file);
};

describe('Ente Auth plain export', () => {
  it('reads every code with its tags, note and pin from codeDisplay, and leaves out the trash', async () => {
    const result = await importEnte(plain);
    expect(result.format).toBe('ente');
    expect(otps(result)).toEqual(SAMPLE_OTPS);
    expect(result.entries[0]!.login).toEqual({
      title: '',
      url: '',
      username: '',
      password: '',
      notes: NOTE,
      tags: ['Work'],
      favourite: false,
    });
    expect(result.entries[1]!.login).toMatchObject({ favourite: true });
    expect(result.entries[2]!.login).toBeUndefined();
    expect(codes(result)).toEqual(['5:in-trash']);
  });

  it('imports a code whose codeDisplay is broken, and reports lines that are no codes', async () => {
    const lines = 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&codeDisplay=%7Bbroken\nhello\n';
    const result = await importEnte(lines);
    expect(result.entries).toEqual([{ otp: { ...SAMPLE_OTPS[0]!, issuer: 'A', account: 'b' } }]);
    expect(codes(result)).toEqual(['1:not-otpauth-uri']);
  });

  it('refuses text with no codes', async () => {
    await expectTransferError('not-ente', () => importEnte('just some notes\n'));
    await expectTransferError('not-ente', () => importEnte('{"version": 1}'));
  });
});

describe('Ente Auth encrypted export', () => {
  it('opens with the password, whether the stream ends with TAG_FINAL or TAG_MESSAGE', async () => {
    const expected = await importEnte(plain);
    expect(await importEnte(encrypted, { password: PASSWORD })).toEqual(expected);
    expect(await importEnte(fixtureText('ente-encrypted-message-tag.json'), { password: PASSWORD })).toEqual(expected);
  });

  it('asks for a password and refuses a wrong one', async () => {
    await expectTransferError('password-required', () => importEnte(encrypted));
    await expectTransferError('wrong-password', () => importEnte(encrypted, { password: 'wrong' }));
  });

  it('refuses damage, other versions and hostile Argon2id limits before deriving a key', async () => {
    await expectTransferError('unsupported-version', () =>
      importEnte(
        edit((file) => (file.version = 2)),
        { password: PASSWORD },
      ),
    );
    await expectTransferError('malformed', () =>
      importEnte(
        edit((file) => (file.encryptionNonce = 'AAAA')),
        { password: PASSWORD },
      ),
    );
    await expectTransferError('malformed', () =>
      importEnte(
        edit((file) => (file.kdfParams.salt = 'AAAA')),
        { password: PASSWORD },
      ),
    );
    await expectTransferError('malformed', () => importEnte(encrypted.slice(0, 200), { password: PASSWORD }));
    const flipped = edit((file) => {
      const data = Buffer.from(file.encryptedData, 'base64');
      data[20]! ^= 4;
      file.encryptedData = data.toString('base64');
    });
    await expectTransferError('wrong-password', () => importEnte(flipped, { password: PASSWORD }));
    const L = ENTE_KDF_LIMITS;
    const hostile = [
      edit((file) => (file.kdfParams.memLimit = L.maxMemoryBytes + 1024)),
      edit((file) => (file.kdfParams.memLimit = 1024)),
      edit((file) => (file.kdfParams.opsLimit = 0)),
      edit((file) => (file.kdfParams.opsLimit = L.maxOps + 1)),
      // Ente's most expensive setting is 1 GiB × 4 passes; 1 GiB × 5 is more than any export asks.
      edit((file) => Object.assign(file.kdfParams, { memLimit: L.maxMemoryBytes, opsLimit: 5 })),
      edit((file) => (file.kdfParams.memLimit = 8.5)),
    ];
    for (const file of hostile) {
      await expectRefusedAtOnce('kdf-params', () => importEnte(file, { password: PASSWORD }));
    }
  });
});
