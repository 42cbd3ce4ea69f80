import { describe, expect, it } from 'vitest';
import type { KdfParams } from '../../src/crypto/kdf.ts';
import { recordView } from '../../src/vault/edit.ts';
import {
  BACKUP_HEADER_LENGTH,
  MIN_BACKUP_LENGTH,
  readBackupHeader,
  sealBackupWith,
  WRAPPED_KEY_LENGTH,
} from '../../src/transfer/backup-file.ts';
import {
  backupContent,
  decryptBackup,
  exportBackup,
  importBackup,
  readBackupContent,
} from '../../src/transfer/backup.ts';
import { MAX_ENTRIES } from '../../src/transfer/input.ts';
import { exportViews } from '../../src/transfer/records.ts';
import { codes, expectRefusedAtOnce, expectTransferError, fixture, fixtureText, withByte } from './helpers.ts';
import { sampleVault } from './records.ts';

// The Tessera encrypted backup (docs/import-export.md). Argon2id at the floor of crypto/kdf keeps
// these tests fast; the default cost is what the app uses.

const FAST_KDF: KdfParams = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };
const PASSWORD = 'backup password';
const example = JSON.parse(fixtureText('tessera-backup-example.json')) as {
  password: string;
  kdf: KdfParams;
  saltHex: string;
  fileKeyHex: string;
  keyNonceHex: string;
  contentNonceHex: string;
  content: string;
  fileHex: string;
};
const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

describe('Tessera backup round trip', () => {
  it('gives back every record that is not deleted, with its whole login and OTP', async () => {
    const vault = sampleVault();
    const file = await exportBackup(vault, PASSWORD, { kdf: FAST_KDF });
    const result = await importBackup(file, PASSWORD);
    expect(result.format).toBe('tessera-backup');
    expect(result.problems).toEqual([]);
    const expected = vault
      .map(recordView)
      .filter((view) => !view.deleted)
      .map((view) => ({
        otp: view.otp,
        login: {
          title: view.title,
          url: view.url,
          username: view.username,
          password: view.password,
          notes: view.notes,
          tags: view.tags,
          favourite: view.favourite,
        },
      }));
    expect(result.entries).toEqual(expected);
    expect(result.entries).toHaveLength(6);
  });

  it('takes stored records and views alike, and writes the documented content', () => {
    const vault = sampleVault();
    expect(exportViews(vault)).toEqual(exportViews(vault.map(recordView)));
    const now = Date.UTC(2026, 0, 1);
    const fromViews = JSON.parse(new TextDecoder().decode(backupContent(exportViews(vault), now)));
    expect(fromViews).toMatchObject({ format: 'tessera-backup', version: 1, exportedAt: '2026-01-01T00:00:00.000Z' });
    expect(fromViews.records[0]).toMatchObject({
      title: 'Example',
      tags: ['Work', 'Mail'],
      otp: { secret: 'JBSWY3DPEHPK3PXP', type: 'totp' },
    });
  });

  it('normalises the password (NFKC) as the vault does', async () => {
    const file = await exportBackup(sampleVault().slice(0, 1), 'caf\u00e9', { kdf: FAST_KDF });
    expect((await importBackup(file, 'cafe\u0301')).entries).toHaveLength(1);
  });

  it('refuses to write a backup it could not read again', async () => {
    const view = recordView(sampleVault()[0]!);
    const views = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => ({ ...view, id: `r${i}` }));
    await expectTransferError('too-large', () => exportBackup(views, PASSWORD, { kdf: FAST_KDF }));
    await expectTransferError('kdf-params', () =>
      exportBackup([], PASSWORD, { kdf: { ...FAST_KDF, memoryKiB: 1024 } }),
    );
    await expectTransferError('password-required', () => exportBackup([], '', { kdf: FAST_KDF }));
  });
});

describe('Tessera backup errors', () => {
  it('asks for the password, refuses a wrong one, and says when a file is no backup or from a newer Tessera', async () => {
    const file = fixture('tessera-backup-example.tessera');
    await expectTransferError('password-required', () => importBackup(file));
    await expectTransferError('wrong-password', () => importBackup(file, 'Correct horse battery staple'));
    await expectTransferError('not-tessera-backup', () => importBackup(file.subarray(1), example.password));
    await expectTransferError('not-tessera-backup', () => importBackup('TESSERA', example.password));
    await expectTransferError('not-tessera-backup', () => importBackup(new Uint8Array(0)));
    await expectTransferError('unsupported-version', () => importBackup(withByte(file, 12, 3), example.password));
  });

  it('tells damage from a wrong password: the wrapped key fails as a wrong password, the content as damage', async () => {
    const file = fixture('tessera-backup-example.tessera');
    await expectTransferError('wrong-password', () =>
      importBackup(withByte(file, BACKUP_HEADER_LENGTH + 30, file[BACKUP_HEADER_LENGTH + 30]! ^ 1), example.password),
    );
    await expectTransferError('wrong-password', () =>
      importBackup(withByte(file, 30, file[30]! ^ 1), example.password),
    ); // the salt
    const content = BACKUP_HEADER_LENGTH + WRAPPED_KEY_LENGTH;
    await expectTransferError('malformed', () =>
      importBackup(withByte(file, content + 40, file[content + 40]! ^ 0x80), example.password),
    );
    await expectTransferError('malformed', () => importBackup(file.subarray(0, file.length - 1), example.password));
    await expectTransferError('malformed', () =>
      importBackup(file.subarray(0, MIN_BACKUP_LENGTH - 1), example.password),
    );
    await expectTransferError('unsupported-version', () => importBackup(withByte(file, content, 2), example.password));
  });

  it('refuses hostile Argon2id parameters in the header before deriving anything', async () => {
    const file = fixture('tessera-backup-example.tessera');
    const header = (at: number, value: number): Uint8Array => {
      const copy = file.slice();
      new DataView(copy.buffer).setUint32(at, value);
      return copy;
    };
    for (const hostile of [
      header(14, 0xffffffff),
      header(14, 1024),
      header(18, 1000),
      header(18, 1),
      header(22, 0),
      header(22, 255),
      withByte(file, 13, 2),
    ]) {
      await expectRefusedAtOnce('kdf-params', () => importBackup(hostile, example.password));
    }
  });

  it('reads damaged content records as problems and ignores members it does not know', () => {
    const document = JSON.parse(example.content);
    document.records.push(
      {
        title: 'Bad',
        otp: { type: 'totp', secret: 'not base32!', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
      },
      'not a record',
    );
    document.records[0].icon = 'ignored';
    document.extra = true;
    const result = readBackupContent(JSON.stringify(document));
    expect(result.entries).toHaveLength(1);
    expect(codes(result)).toEqual(['1:base32-invalid', '2:malformed-entry']);
    expect(() => readBackupContent(JSON.stringify({ ...document, version: 2 }))).toThrow(/version 2/);
  });
});

describe('Tessera backup worked example (docs/import-export.md)', () => {
  it('is the bytes the writer makes from the documented inputs', async () => {
    const file = await sealBackupWith(new TextEncoder().encode(example.content), example.password, example.kdf, {
      salt: hex(example.saltHex),
      fileKey: hex(example.fileKeyHex),
      keyNonce: hex(example.keyNonceHex),
      contentNonce: hex(example.contentNonceHex),
    });
    expect(Buffer.from(file).toString('hex')).toBe(example.fileHex);
    expect(fixture('tessera-backup-example.tessera')).toEqual(file);
  });

  it('decrypts to its content, which `tessera decrypt` prints', async () => {
    expect(await decryptBackup(hex(example.fileHex), example.password)).toBe(example.content);
    expect(readBackupHeader(hex(example.fileHex))).toEqual({
      version: 1,
      kdf: example.kdf,
      salt: hex(example.saltHex),
    });
  });
});
