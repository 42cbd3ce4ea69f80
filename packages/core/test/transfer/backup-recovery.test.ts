import { hkdfSync } from 'node:crypto';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../src/crypto/bytes.ts';
import { createSalt, deriveMasterKey, type KdfParams } from '../../src/crypto/kdf.ts';
import {
  createRecoveryKey,
  formatRecoveryKey,
  unwrapVaultKeyWithRecovery,
  wrapVaultKeyForRecovery,
} from '../../src/crypto/recovery-key.ts';
import { createVaultKey } from '../../src/crypto/vault-key.ts';
import {
  BACKUP_HEADER_LENGTH,
  backupKekFromMasterKey,
  backupVaultKek,
  readBackupHeader,
  sealBackupUnderKek,
  WRAPPED_KEY_LENGTH,
} from '../../src/transfer/backup-file.ts';
import { backupContent, decryptBackup, decryptBackupWithRecoveryKey, exportBackup } from '../../src/transfer/backup.ts';
import { exportViews } from '../../src/transfer/records.ts';
import { expectTransferError } from './helpers.ts';
import { sampleVault } from './records.ts';

// Version 2 of the backup file (docs/import-export.md, "Recovery key slot"): the same file opens
// with its password and, offline, with the vault's recovery key.
const FAST_KDF: KdfParams = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };
const ascii = (text: string) => new TextEncoder().encode(text);

function vaultWithRecoveryKey() {
  const vaultKey = createVaultKey();
  const key = createRecoveryKey();
  return { vaultKey, key, written: formatRecoveryKey(key), slot: wrapVaultKeyForRecovery(key, vaultKey) };
}

describe('a backup with a recovery key slot', () => {
  it('opens with the password and with the recovery key; not with another key', async () => {
    const vault = vaultWithRecoveryKey();
    const salt = createSalt();
    const kek = backupKekFromMasterKey(await deriveMasterKey('vault master password', salt, FAST_KDF));
    const records = sampleVault();
    const file = sealBackupUnderKek(backupContent(exportViews(records), 1_700_000_000_000), kek, FAST_KDF, salt, {
      slot: vault.slot,
      vaultKek: backupVaultKek(vault.vaultKey),
    });
    expect(readBackupHeader(file)).toEqual({ version: 2, kdf: FAST_KDF, salt });
    const byPassword = await decryptBackup(file, 'vault master password');
    const byKey = decryptBackupWithRecoveryKey(file, vault.written.toLowerCase().replace(/-/g, ' '));
    expect(byKey).toBe(byPassword);
    expect((JSON.parse(byKey) as { records: unknown[] }).records).toHaveLength(exportViews(records).length);

    const other = vaultWithRecoveryKey();
    await expectTransferError('wrong-recovery-key', async () => decryptBackupWithRecoveryKey(file, other.written));
    // A changed byte of the content, of the second wrap, or of the header: damaged, never opened.
    for (const at of [file.length - 1, BACKUP_HEADER_LENGTH + WRAPPED_KEY_LENGTH + 80]) {
      const damaged = file.slice();
      damaged[at] = (damaged[at] as number) ^ 1;
      await expectTransferError('malformed', async () => decryptBackupWithRecoveryKey(damaged, vault.written));
    }
  });

  it('the manual encrypted backup carries the slot too; a version 1 file says it has none', async () => {
    const vault = vaultWithRecoveryKey();
    const records = sampleVault();
    const file = await exportBackup(records, 'export password', {
      kdf: FAST_KDF,
      recovery: { slot: vault.slot, vaultKek: backupVaultKek(vault.vaultKey) },
    });
    expect(readBackupHeader(file).version).toBe(2);
    expect(decryptBackupWithRecoveryKey(file, vault.written)).toBe(await decryptBackup(file, 'export password'));
    const plain = await exportBackup(records, 'export password', { kdf: FAST_KDF });
    expect(readBackupHeader(plain).version).toBe(1);
    await expectTransferError('no-recovery-slot', async () => decryptBackupWithRecoveryKey(plain, vault.written));
  });

  it('follows the document: slot, vault kek and second wrap with node:crypto and @noble/ciphers alone', async () => {
    const vault = vaultWithRecoveryKey();
    const file = await exportBackup(sampleVault(), 'export password', {
      kdf: FAST_KDF,
      recovery: { slot: vault.slot, vaultKek: backupVaultKek(vault.vaultKey) },
    });
    const header = file.subarray(0, 42);
    expect(file[12]).toBe(2);
    const slot = file.subarray(42 + 73, 42 + 146);
    const wrapped = file.subarray(42 + 146, 42 + 219);
    const vaultKey = unwrapVaultKeyWithRecovery(vault.key, slot);
    const vaultKek = new Uint8Array(hkdfSync('sha256', vaultKey, new Uint8Array(0), 'tessera v1 backup vault kek', 32));
    const open = (key: Uint8Array, envelope: Uint8Array, aad: Uint8Array) =>
      xchacha20poly1305(key, envelope.subarray(1, 25), concatBytes(Uint8Array.of(1), aad)).decrypt(
        envelope.subarray(25),
      );
    const fileKey = open(vaultKek, wrapped, concatBytes(ascii('tessera v1 backup-key vault'), header));
    const content = open(fileKey, file.subarray(42 + 219), concatBytes(ascii('tessera v1 backup'), header));
    expect(new TextDecoder().decode(content)).toBe(await decryptBackup(file, 'export password'));
  });
});
