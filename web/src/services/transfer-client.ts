import { TesseraError } from '@tessera/core/errors';
import { TransferError, type TransferErrorCode } from '@tessera/core/transfer/errors';
import type { TransferCall, TransferCalls, TransferReply, TransferRequest } from '../workers/transfer-protocol.ts';

// A typed proxy to workers/transfer.worker.ts with no logic of its own: one request, one answer,
// matched by id. cancel() ends the worker (a key derivation cannot be interrupted any other
// way); the next call starts a fresh one.
export interface TransferClient {
  call<K extends TransferCall>(call: K, args: TransferCalls[K]['args']): Promise<TransferCalls[K]['result']>;
  /** Stops whatever runs; every pending call rejects with TesseraError 'cancelled'. */
  cancel(): void;
}

type Pending = { resolve: (value: never) => void; reject: (error: Error) => void };

export function createTransferClient(): TransferClient {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const stop = (error: Error) => {
    worker?.terminate();
    worker = undefined;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };

  const start = () => {
    const created = new Worker(new URL('../workers/transfer.worker.ts', import.meta.url), { type: 'module', name: 'tessera-transfer' });
    created.onmessage = (event: MessageEvent<TransferReply>) => {
      const reply = event.data;
      const call = pending.get(reply.id);
      if (!call) return;
      pending.delete(reply.id);
      if (reply.kind === 'done') call.resolve(reply.value as never);
      else if (reply.transfer) call.reject(new TransferError(reply.code as TransferErrorCode, reply.message, reply.format));
      else call.reject(new TesseraError(reply.code, reply.message));
    };
    created.onerror = (event) => {
      event.preventDefault();
      // Out of memory on a small device, or an update removed the worker's file.
      const reason = event.message ? ` (${event.message})` : '';
      stop(new TesseraError('transfer-worker', `The file could not be processed: the worker stopped${reason}. Reload Tessera and try again.`));
    };
    return created;
  };

  return {
    call(call, args) {
      worker ??= start();
      const id = nextId++;
      const request = { id, call, args } as TransferRequest;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: never) => void, reject });
        worker!.postMessage(request);
      });
    },
    cancel() {
      stop(new TesseraError('cancelled', 'Cancelled'));
    },
  };
}
