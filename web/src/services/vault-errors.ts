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
  | 'no-recovery-key' // the recovery key was asked for, but this vault has no recovery slot
  | 'storage-full'; // the browser refused the write: the origin's storage quota is used up

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

/**
 * The browser's "no more room" refusal, however it arrives: a DOMException named
 * QuotaExceededError, or Dexie's error (the same name, or an AbortError wrapping it in `inner`
 * when the transaction was aborted at commit, as Chromium does).
 */
export function isQuotaError(error: unknown): boolean {
  for (let seen = error, depth = 0; seen && depth < 4; depth++) {
    if ((seen as { name?: unknown }).name === 'QuotaExceededError') return true;
    seen = (seen as { inner?: unknown }).inner;
  }
  return false;
}

/** The words for a write the quota refused: what happened, that the edit is not lost, what to do. */
export function storageFull(
  outcome = "so the change was not saved. It is still here: free some space (other sites' data, downloads, apps), then save again.",
): VaultError {
  return new VaultError('storage-full', `This device's storage is full, ${outcome}`);
}

/** Why an item was set aside: what opening it threw (core's codes; the recovery key's and passkey's never are). */
export type QuarantineReason =
  | Exclude<CryptoErrorCode, 'invalid-recovery-key' | 'wrong-recovery-key' | 'wrong-passkey'>
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
