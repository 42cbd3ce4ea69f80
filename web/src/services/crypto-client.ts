import type { KdfParams } from '@tessera/core/crypto/kdf';
import { TesseraError } from '@tessera/core/errors';
import type { DeriveRequest, WorkerReply } from '../workers/crypto-protocol.ts';
import { reportCryptoWorker, trackKey } from './key-audit.ts';

// A typed proxy to the crypto worker, with no logic of its own: one request, its progress
// reports and one answer, matched by id.
export interface CryptoClient {
  deriveMasterKey(password: string, salt: Uint8Array, params: KdfParams, onProgress?: (fraction: number) => void): Promise<Uint8Array>;
  /**
   * Stops the worker (on lock): its WebAssembly memory held Argon2id's last blocks, from which
   * the master key is one hash away. A derivation still running fails; the next call starts a
   * new worker.
   */
  release(): void;
}

export function createCryptoClient(): CryptoClient {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (key: Uint8Array) => void; reject: (error: Error) => void; onProgress?: ((fraction: number) => void) | undefined }>();

  const start = () => {
    const created = new Worker(new URL('../workers/crypto.worker.ts', import.meta.url), { type: 'module', name: 'tessera-crypto' });
    created.onmessage = (event: MessageEvent<WorkerReply>) => {
      const message = event.data;
      const call = pending.get(message.id);
      if (!call) return;
      if (message.kind === 'progress') return call.onProgress?.(message.fraction);
      pending.delete(message.id);
      if (message.kind === 'done') call.resolve(trackKey(message.key));
      else call.reject(new TesseraError(message.code, message.message));
    };
    created.onerror = (event) => {
      event.preventDefault();
      // The worker script failed to load or crashed (out of memory on a small device, or an
      // update that removed its file): every pending call fails, the next call starts afresh.
      const reason = event.message ? ` (${event.message})` : '';
      for (const call of pending.values()) call.reject(new TesseraError('crypto-worker', `The key could not be derived: the crypto worker stopped${reason}. Reload Tessera and try again.`));
      pending.clear();
      created.terminate();
      worker = undefined;
    };
    return created;
  };

  reportCryptoWorker(() => worker !== undefined);
  return {
    release() {
      if (!worker) return;
      worker.terminate();
      worker = undefined;
      for (const call of pending.values()) call.reject(new TesseraError('crypto-worker', 'The key could not be derived: the vault was locked meanwhile. Try again.'));
      pending.clear();
    },
    deriveMasterKey(password, salt, params, onProgress) {
      worker ??= start();
      const id = nextId++;
      const request: DeriveRequest = { id, kind: 'derive', password, salt, params };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, onProgress });
        worker!.postMessage(request);
      });
    },
  };
}
