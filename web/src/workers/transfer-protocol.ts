import type { KdfParams } from '@tessera/core/crypto/kdf';
import { TesseraError } from '@tessera/core/errors';
import type { AegisExport } from '@tessera/core/transfer/aegis-export';
import type { MigrationExport } from '@tessera/core/transfer/google-migration';
import { TransferError, type TransferErrorCode } from '@tessera/core/transfer/errors';
import type { ImportFormat, ImportInput, ImportResult } from '@tessera/core/transfer/types';
import type { RecordView } from '@tessera/core/vault/record';
import type { BackupSummary } from '../lib/restore-drill.ts';
import type { WireError } from './rpc.ts';

// The calls services/transfer-client.ts makes of workers/transfer.worker.ts (over workers/rpc.ts):
// every call that parses a whole file or runs a key derivation (scrypt, PBKDF2, Argon2id).
export type TransferCalls = {
  /** core/transfer/import importFile. */
  import: {
    args: { input: ImportInput; password?: string; format?: ImportFormat; fileName?: string };
    result: ImportResult;
  };
  /** core/transfer/backup exportBackup: the bytes of a `.tessera` file. */
  backup: {
    args: { records: RecordView[]; password: string; recovery?: { slot: Uint8Array; vaultKek: Uint8Array } };
    result: Uint8Array;
  };
  /** core/transfer/aegis-export exportAegis: an Aegis vault, sealed when a password is given. */
  aegis: { args: { records: RecordView[]; password?: string }; result: AegisExport };
  /** core/transfer/google-migration exportMigrationUris: Google Authenticator's QR code contents. */
  migration: { args: { records: RecordView[] }; result: MigrationExport };
  /** Whether `password` unwraps the vault key, as unlocking does; every key is wiped in the worker. */
  verify: {
    args: { password: string; salt: Uint8Array; kdf: KdfParams; wrappedVaultKey: Uint8Array };
    result: boolean;
  };
  /**
   * A restore drill: opens a backup with its password or the vault's recovery key and reads every
   * record back, all here; only ids, names and whether each opened come back (no secret).
   */
  drill: {
    args: { file: Uint8Array; password?: string; recoveryKey?: string };
    result: BackupSummary;
  };
};

export type TransferCall = keyof TransferCalls;

/** What a transfer error adds to the wire: that it was one, and the format it was reading. */
interface TransferDetail {
  transfer: true;
  format: ImportFormat | null;
}

/** A TesseraError's code and message (never a secret: core's messages name fields and entries,
 *  not values); a TransferError keeps its format. */
export function transferErrorToWire(error: unknown): WireError {
  if (error instanceof TransferError)
    return {
      code: error.code,
      message: error.message,
      detail: { transfer: true, format: error.format } satisfies TransferDetail,
    };
  if (error instanceof TesseraError) return { code: error.code, message: error.message };
  return { code: 'transfer-failed', message: error instanceof Error ? error.message : String(error) };
}

export function transferErrorFromWire(error: WireError): Error {
  const detail = error.detail as TransferDetail | undefined;
  if (detail?.transfer) return new TransferError(error.code as TransferErrorCode, error.message, detail.format);
  return new TesseraError(error.code, error.message);
}
