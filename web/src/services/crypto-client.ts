import type { KdfParams } from '@tessera/core/crypto/kdf';
import { TesseraError } from '@tessera/core/errors';
import { cryptoErrorFromWire, type CryptoCalls } from '../workers/crypto-protocol.ts';
import { createRpcClient } from '../workers/rpc.ts';
import { reportCryptoWorker, trackKey } from './key-audit.ts';

// A typed proxy to the crypto worker, with no logic of its own (workers/rpc.ts does the messaging).
export interface CryptoClient {
  deriveMasterKey(
    password: string,
    salt: Uint8Array,
    params: KdfParams,
    onProgress?: (fraction: number) => void,
  ): Promise<Uint8Array>;
  /**
   * Stops the worker (on lock): its WebAssembly memory held Argon2id's last blocks, from which
   * the master key is one hash away. A derivation still running fails; the next call starts a
   * new worker.
   */
  release(): void;
  /**
   * Starts a worker ahead of the next derivation (the unlock screen is up) and has it compile
   * Argon2id, so unlocking pays neither. A fresh worker holds no secret; release() still stops
   * the one that derived. `next`, the parameters the next derivation will take, lets it grow the
   * engine's memory too. Resolves once the worker is ready (or could not start: a failure shows
   * at derive); never rejects.
   */
  warm(next?: KdfParams): Promise<void>;
}

export function createCryptoClient(): CryptoClient {
  const rpc = createRpcClient<CryptoCalls>(
    () =>
      new Worker(new URL('../workers/crypto.worker.ts', import.meta.url), { type: 'module', name: 'tessera-crypto' }),
    {
      fromWire: cryptoErrorFromWire,
      // Out of memory on a small device, or an update that removed the worker's file.
      crashed: (detail) =>
        new TesseraError(
          'crypto-worker',
          `The key could not be derived: the crypto worker stopped${detail ? ` (${detail})` : ''}. Reload Tessera and try again.`,
        ),
    },
  );
  // Whether the running worker has derived a key since it started: a warmed one has not, and the
  // key audit (and the lock) care only about one that has.
  let derived = false;
  reportCryptoWorker(() => rpc.running() && derived);
  return {
    release() {
      derived = false;
      if (!rpc.running()) return;
      rpc.close(
        new TesseraError('crypto-worker', 'The key could not be derived: the vault was locked meanwhile. Try again.'),
      );
    },
    async warm(next) {
      // Best effort: a failure (no worker, offline before the first precache) shows at derive.
      await rpc.call('warm', { next: next ?? null }).catch(() => undefined);
    },
    async deriveMasterKey(password, salt, params, onProgress) {
      derived = true;
      return trackKey(await rpc.call('derive', { password, salt, params }, onProgress ? { onProgress } : {}));
    },
  };
}
