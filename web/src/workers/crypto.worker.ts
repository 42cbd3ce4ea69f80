/// <reference lib="webworker" />
import { deriveMasterKey } from '@tessera/core/crypto/kdf';
import { isTesseraError } from '@tessera/core/errors';
import type { DeriveRequest, WorkerReply } from './crypto-protocol.ts';

// Argon2id takes half a second and 64 MiB: it runs here so the page keeps answering input.
declare const self: DedicatedWorkerGlobalScope;

const reply = (message: WorkerReply, transfer: Transferable[] = []) => self.postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<DeriveRequest>) => {
  const { id, password, salt, params } = event.data;
  try {
    const key = await deriveMasterKey(password, salt, params, (fraction: number) => reply({ id, kind: 'progress', fraction }));
    reply({ id, kind: 'done', key }, [key.buffer]);
  } catch (error) {
    reply(isTesseraError(error)
      ? { id, kind: 'error', code: error.code, message: error.message }
      : { id, kind: 'error', code: 'kdf-failed', message: error instanceof Error ? error.message : String(error) });
  }
};
