import { TesseraError } from '@tessera/core/errors';
import { transferErrorFromWire, type TransferCall, type TransferCalls } from '../workers/transfer-protocol.ts';
import { createRpcClient } from '../workers/rpc.ts';

// A typed proxy to workers/transfer.worker.ts with no logic of its own (workers/rpc.ts does the
// messaging). cancel() ends the worker (a key derivation cannot be interrupted any other way);
// the next call starts a fresh one.
export interface TransferClient {
  call<K extends TransferCall>(call: K, args: TransferCalls[K]['args']): Promise<TransferCalls[K]['result']>;
  /** Stops whatever runs; every pending call rejects with TesseraError 'cancelled'. */
  cancel(): void;
}

export function createTransferClient(): TransferClient {
  const rpc = createRpcClient<TransferCalls>(
    () =>
      new Worker(new URL('../workers/transfer.worker.ts', import.meta.url), {
        type: 'module',
        name: 'tessera-transfer',
      }),
    {
      fromWire: transferErrorFromWire,
      // Out of memory on a small device, or an update removed the worker's file.
      crashed: (detail) =>
        new TesseraError(
          'transfer-worker',
          `The file could not be processed: the worker stopped${detail ? ` (${detail})` : ''}. Reload Tessera and try again.`,
        ),
    },
  );
  return {
    call: (call, args) => rpc.call(call, args),
    cancel: () => rpc.close(new TesseraError('cancelled', 'Cancelled')),
  };
}
