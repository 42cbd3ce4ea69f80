import { wipe } from '@tessera/core/crypto/bytes';
import { checkKdfParams, deriveMasterKey } from '@tessera/core/crypto/kdf';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { unwrapVaultKey } from '@tessera/core/crypto/vault-key';
import { isTesseraError } from '@tessera/core/errors';
import { exportAegis } from '@tessera/core/transfer/aegis-export';
import { exportMigrationUris } from '@tessera/core/transfer/google-migration';
import {
  decryptBackup,
  decryptBackupWithRecoveryKey,
  exportBackup,
  readBackupContent,
} from '@tessera/core/transfer/backup';
import { importFile } from '@tessera/core/transfer/import';
import type { BackupEntry, BackupSummary } from '../lib/restore-drill.ts';
import type { TransferCalls } from './transfer-protocol.ts';
import type { Handlers } from './rpc.ts';

// What transfer.worker.ts does with each call, apart from the messaging: core's importer and
// backup writer, and the master password check.

/** Whether `password` unwraps the vault key, as unlocking checks it; every key is wiped. */
export async function verifyMasterPassword({
  password,
  salt,
  kdf,
  wrappedVaultKey,
}: TransferCalls['verify']['args']): Promise<boolean> {
  const masterKey = await deriveMasterKey(password, salt, checkKdfParams(kdf));
  const { kek, authKey } = splitMasterKey(masterKey);
  wipe(masterKey, authKey);
  try {
    wipe(unwrapVaultKey(kek, wrappedVaultKey));
    return true;
  } catch (error) {
    if (isTesseraError(error, 'wrong-password')) return false;
    throw error;
  } finally {
    wipe(kek);
  }
}

const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * Opens a backup as a restore would (decrypt, then core's reader, which checks every record and
 * decodes every OTP secret) and reports what came back by id. The content, with its secrets, stays
 * in this worker; the page gets ids, names and whether each record opened.
 */
export async function drillBackup({
  file,
  password,
  recoveryKey,
}: TransferCalls['drill']['args']): Promise<BackupSummary> {
  const json =
    recoveryKey !== undefined ? decryptBackupWithRecoveryKey(file, recoveryKey) : await decryptBackup(file, password);
  // Throws 'malformed' for a content that is not a backup document; a bad record is a problem.
  const read = readBackupContent(json);
  const failed = new Set(read.problems.filter((problem) => !problem.imported).map((problem) => problem.index));
  const document = JSON.parse(json) as { exportedAt?: unknown; records: unknown[] };
  const entries: BackupEntry[] = document.records.map((value, index) => {
    const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const otp = (typeof record.otp === 'object' && record.otp !== null ? record.otp : null) as Record<
      string,
      unknown
    > | null;
    return {
      id: str(record.id),
      label: str(record.title) || str(otp?.issuer) || str(otp?.account) || str(record.username) || 'Untitled',
      hasCode: otp !== null,
      opened: !failed.has(index),
    };
  });
  const exportedAt = typeof document.exportedAt === 'string' ? Date.parse(document.exportedAt) : Number.NaN;
  return { exportedAt: Number.isNaN(exportedAt) ? null : exportedAt, entries };
}

/** The transfer worker's calls (served by transfer.worker.ts over workers/rpc.ts). */
export const transferCalls: Handlers<TransferCalls> = {
  import: ({ input, ...options }) => importFile(input, options),
  async backup({ records, password, recovery }, call) {
    let file: Uint8Array;
    try {
      file = await exportBackup(records, password, recovery ? { recovery } : {});
    } finally {
      if (recovery) wipe(recovery.vaultKek);
    }
    call.transfer(file.buffer);
    return file;
  },
  aegis: ({ records, password }) => exportAegis(records, password === undefined ? {} : { password }),
  // Here, not on the page: encoding 10,000 records took a 130-180 ms task there.
  migration: ({ records }) => exportMigrationUris(records),
  verify: verifyMasterPassword,
  drill: drillBackup,
};
