import type { KdfParams } from '@tessera/core/crypto/kdf';
import type { ImportFormat, ImportInput, ImportResult } from '@tessera/core/transfer/types';
import type { RecordView } from '@tessera/core/vault/record';

// Messages between services/transfer-client.ts and workers/transfer.worker.ts: every call that
// parses a whole file or runs a key derivation (scrypt, PBKDF2, Argon2id) happens in the worker.
export interface TransferCalls {
  /** core/transfer/import importFile. */
  import: {
    args: { input: ImportInput; password?: string; format?: ImportFormat; fileName?: string };
    result: ImportResult;
  };
  /** core/transfer/backup exportBackup: the bytes of a `.tessera` file. */
  backup: { args: { records: RecordView[]; password: string }; result: Uint8Array };
  /** Whether `password` unwraps the vault key, as unlocking does; every key is wiped in the worker. */
  verify: { args: { password: string; salt: Uint8Array; kdf: KdfParams; wrappedVaultKey: Uint8Array }; result: boolean };
}

export type TransferCall = keyof TransferCalls;

export type TransferRequest = { [K in TransferCall]: { id: number; call: K; args: TransferCalls[K]['args'] } }[TransferCall];

export type TransferReply =
  | { id: number; kind: 'done'; value: TransferCalls[TransferCall]['result'] }
  /** A TesseraError's code and message; `transfer` with the format when it was a TransferError. */
  | { id: number; kind: 'error'; code: string; message: string; transfer: boolean; format: ImportFormat | null };
