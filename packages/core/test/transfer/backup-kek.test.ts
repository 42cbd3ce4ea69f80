import { describe, expect, it } from 'vitest';
import { createSalt, deriveMasterKey, type KdfParams } from '../../src/crypto/kdf.ts';
import { splitMasterKey } from '../../src/crypto/keys.ts';
import { backupKekFromMasterKey, readBackupHeader, sealBackupUnderKek } from '../../src/transfer/backup-file.ts';
import { backupContent, decryptBackup } from '../../src/transfer/backup.ts';
import { exportViews } from '../../src/transfer/records.ts';
import { expectTransferError } from './helpers.ts';
import { sampleVault } from './records.ts';

// Automatic backups (docs/web.md, "Automatic backups") are sealed under a kek taken from the
// master key of an unlock: the vault's salt and Argon2id settings go in the header, so the file
// is an ordinary version 1 backup that opens with the master password, with no second Argon2id.
const FAST_KDF: KdfParams = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };

describe('backup sealed under a kek from the vault master key', () => {
  it('opens with the master password, and its header carries the vault salt and settings', async () => {
    const salt = createSalt();
    const masterKey = await deriveMasterKey('vault master password', salt, FAST_KDF);
    const kek = backupKekFromMasterKey(masterKey);
    // Not the vault's own kek or authKey: the label separates them.
    const { kek: vaultKek, authKey } = splitMasterKey(masterKey);
    expect(Buffer.from(kek).equals(Buffer.from(vaultKek))).toBe(false);
    expect(Buffer.from(kek).equals(Buffer.from(authKey))).toBe(false);

    const vault = sampleVault();
    const file = sealBackupUnderKek(backupContent(exportViews(vault), 1_700_000_000_000), kek, FAST_KDF, salt);
    expect(readBackupHeader(file)).toEqual({ version: 1, kdf: FAST_KDF, salt });
    const json = JSON.parse(await decryptBackup(file, 'vault master password')) as { records: unknown[] };
    expect(json.records).toHaveLength(exportViews(vault).length);
    await expectTransferError('wrong-password', () => decryptBackup(file, 'another password'));
  });
});
