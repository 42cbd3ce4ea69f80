import { wipe } from '@tessera/core/crypto/bytes';
import { checkKdfParams, deriveMasterKey } from '@tessera/core/crypto/kdf';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { unwrapVaultKey } from '@tessera/core/crypto/vault-key';
import { isTesseraError } from '@tessera/core/errors';
import { exportBackup } from '@tessera/core/transfer/backup';
import { TransferError } from '@tessera/core/transfer/errors';
import { importFile } from '@tessera/core/transfer/import';
import type { TransferCalls, TransferReply, TransferRequest } from './transfer-protocol.ts';

// What transfer.worker.ts does with each request, apart from the messaging: core's importer and
// backup writer, and the master password check. Errors become replies carrying their code,
// message and format, never a secret (core's messages name fields and entries, not values).

/** Whether `password` unwraps the vault key, as unlocking checks it; every key is wiped. */
export async function verifyMasterPassword({ password, salt, kdf, wrappedVaultKey }: TransferCalls['verify']['args']): Promise<boolean> {
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

async function run(request: TransferRequest): Promise<{ value: TransferCalls[keyof TransferCalls]['result']; transfer: Transferable[] }> {
  switch (request.call) {
    case 'import': {
      const { input, ...options } = request.args;
      return { value: await importFile(input, options), transfer: [] };
    }
    case 'backup': {
      const file = await exportBackup(request.args.records, request.args.password);
      return { value: file, transfer: [file.buffer] };
    }
    case 'verify':
      return { value: await verifyMasterPassword(request.args), transfer: [] };
  }
}

/** The reply to `request`, and the buffers to transfer with it. */
export async function answer(request: TransferRequest): Promise<{ reply: TransferReply; transfer: Transferable[] }> {
  const { id } = request;
  try {
    const { value, transfer } = await run(request);
    return { reply: { id, kind: 'done', value }, transfer };
  } catch (error) {
    const reply: TransferReply = isTesseraError(error)
      ? { id, kind: 'error', code: error.code, message: error.message, transfer: error instanceof TransferError, format: error instanceof TransferError ? error.format : null }
      : { id, kind: 'error', code: 'transfer-failed', message: error instanceof Error ? error.message : String(error), transfer: false, format: null };
    return { reply, transfer: [] };
  }
}
