import type { CryptoErrorCode } from '@tessera/core/crypto/errors';
import { TesseraError } from '@tessera/core/errors';
import type { RecordErrorCode } from '@tessera/core/vault/record';

// Failures of the open vault (services/vault-store.ts and the session around it). One class and
// one code per failure: the sync engine and the screens branch on the code, never on words.
export type VaultErrorCode =
  | 'vault-locked' // the vault was locked (closed) before or while the work ran
  | 'no-record' // an edit names a record this vault does not hold
  | 'no-vault' // there is no vault on this device
  | 'vault-exists' // creating a vault where one is already
  | 'no-recovery-key'; // the recovery key was asked for, but this vault has no recovery slot

export class VaultError extends TesseraError {
  declare readonly code: VaultErrorCode;
  constructor(code: VaultErrorCode, message: string) {
    super(code, message);
    this.name = 'VaultError';
  }
}

/** The one error for work that meets a locked vault. */
export function vaultLocked(): VaultError {
  return new VaultError('vault-locked', 'The vault was locked');
}

/** Why an item was set aside: what opening it threw (core's codes; the recovery key's never are). */
export type QuarantineReason =
  | Exclude<CryptoErrorCode, 'invalid-recovery-key' | 'wrong-recovery-key'>
  | RecordErrorCode;

/** What made an item fail to open, as stored with it; anything not thrown on purpose is 'corrupt-item'. */
export function quarantineReason(error: unknown): QuarantineReason {
  return error instanceof TesseraError && isQuarantineReason(error.code) ? error.code : 'corrupt-item';
}

const QUARANTINE_REASONS: ReadonlySet<string> = new Set<QuarantineReason>([
  'kdf-params',
  'kdf-failed',
  'invalid-input',
  'invalid-encoding',
  'malformed',
  'unsupported-version',
  'does-not-authenticate',
  'bad-padding',
  'wrong-password',
  'corrupt-vault-key',
  'corrupt-item',
  'record-invalid',
  'record-id-mismatch',
  'not-hotp',
]);

export function isQuarantineReason(code: string): code is QuarantineReason {
  return QUARANTINE_REASONS.has(code);
}
