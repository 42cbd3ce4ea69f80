import { TesseraError } from '../errors.ts';
import type { ImportFormat } from './types.ts';

// Errors for a file that cannot be read at all. A single bad entry is never one of these: it is
// an ImportProblem and the rest of the file still imports. docs/import-export.md lists when each
// code is thrown and what the app should say.
export type TransferErrorCode =
  | 'password-required' // encrypted and no password given: ask for it and call again
  | 'wrong-password' // the password does not open the file
  | 'wrong-recovery-key' // the recovery key does not open this backup's recovery slot
  | 'no-recovery-slot' // a backup written without a recovery key slot (version 1)
  | `not-${ImportFormat}` // not this format at all
  | 'unknown-format' // detect found no format it knows
  | 'unsupported-version' // this format, but a version this client cannot read
  | 'unsupported-encryption' // this format, encrypted in a way that cannot be opened here
  | 'account-restricted' // a Bitwarden export encrypted with the account key, not a password
  | 'too-large' // above the size or entry limits
  | 'malformed' // this format, but damaged, cut short or contradicting itself
  | 'kdf-params' // key-derivation parameters in the file outside the floor/ceiling
  | 'kdf-budget' // more key slots, key derivations or total key-derivation work than one file may cost
  | 'kdf-failed' // valid parameters that this device could not run
  | 'export-unsupported'; // an exporter asked to write something its format cannot carry

export class TransferError extends TesseraError {
  declare readonly code: TransferErrorCode;
  readonly format: ImportFormat | null;
  constructor(code: TransferErrorCode, message: string, format: ImportFormat | null = null) {
    super(code, message);
    this.name = 'TransferError';
    this.format = format;
  }
}
