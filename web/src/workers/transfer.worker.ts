/// <reference lib="webworker" />
import { wipe } from '@tessera/core/crypto/bytes';
import { checkKdfParams, deriveMasterKey } from '@tessera/core/crypto/kdf';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { unwrapVaultKey } from '@tessera/core/crypto/vault-key';
import { isTesseraError } from '@tessera/core/errors';
import { exportBackup } from '@tessera/core/transfer/backup';
import { TransferError } from '@tessera/core/transfer/errors';
import { importFile } from '@tessera/core/transfer/import';
import type { TransferCalls, TransferReply, TransferRequest } from './transfer-protocol.ts';

// Reading an export and writing a backup: JSON of up to 20 MiB, and key derivations that take
// from a fifth of a second (Aegis scrypt) to several seconds (Ente's Argon2id). Here they never
// block the page, and the page cancels one by terminating this worker.
declare const self: DedicatedWorkerGlobalScope;

async function verify({ password, salt, kdf, wrappedVaultKey }: TransferCalls['verify']['args']): Promise<boolean> {
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
      return { value: await verify(request.args), transfer: [] };
  }
}

self.onmessage = async (event: MessageEvent<TransferRequest>) => {
  const { id } = event.data;
  let reply: TransferReply;
  let transfer: Transferable[] = [];
  try {
    const done = await run(event.data);
    reply = { id, kind: 'done', value: done.value };
    transfer = done.transfer;
  } catch (error) {
    // Core's messages name fields and entries, never a secret or a password.
    reply = isTesseraError(error)
      ? { id, kind: 'error', code: error.code, message: error.message, transfer: error instanceof TransferError, format: error instanceof TransferError ? error.format : null }
      : { id, kind: 'error', code: 'transfer-failed', message: error instanceof Error ? error.message : String(error), transfer: false, format: null };
  }
  self.postMessage(reply, transfer);
};
