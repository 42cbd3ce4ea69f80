import { wipe } from '@tessera/core/crypto/bytes';
import { checkKdfParams, deriveMasterKey } from '@tessera/core/crypto/kdf';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { unwrapVaultKey } from '@tessera/core/crypto/vault-key';
import { isTesseraError } from '@tessera/core/errors';
import { exportAegis } from '@tessera/core/transfer/aegis-export';
import { exportBackup } from '@tessera/core/transfer/backup';
import { importFile } from '@tessera/core/transfer/import';
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
  verify: verifyMasterPassword,
};
