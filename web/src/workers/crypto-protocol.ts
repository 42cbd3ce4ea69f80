import type { KdfParams } from '@tessera/core/crypto/kdf';
import { TesseraError } from '@tessera/core/errors';
import type { WireError } from './rpc.ts';

// The calls services/crypto-client.ts makes of workers/crypto.worker.ts (over workers/rpc.ts).
export type CryptoCalls = {
  /** The master key (Argon2id); progress is the fraction done, 0 to 1. */
  derive: { args: { password: string; salt: Uint8Array; params: KdfParams }; result: Uint8Array; progress: number };
  /**
   * Nothing: answers once Argon2id's WebAssembly is compiled (and, given the next derive's
   * parameters, its memory grown), so the next derive pays neither.
   */
  warm: { args: { next: KdfParams | null }; result: null };
};

export function cryptoErrorToWire(error: unknown): WireError {
  if (error instanceof TesseraError) return { code: error.code, message: error.message };
  return { code: 'kdf-failed', message: error instanceof Error ? error.message : String(error) };
}

export function cryptoErrorFromWire(error: WireError): Error {
  return new TesseraError(error.code, error.message);
}
