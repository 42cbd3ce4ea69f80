import { equalBytes, wipe } from '@tessera/core/crypto/bytes';
import { openItem } from '@tessera/core/crypto/item';
import { checkKdfParams, type KdfParams } from '@tessera/core/crypto/kdf';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { TesseraError } from '@tessera/core/errors';
import { backupKekFromMasterKey } from '@tessera/core/transfer/backup-file';
import type { CryptoClient } from './crypto-client.ts';
import type { TesseraDb } from './db.ts';
import { trackKey } from './key-audit.ts';

// The account side of the key hierarchy (docs/vault-format.md): the master password gives
// masterKey (Argon2id, in the crypto worker), which splits into kek (opens the vault key, stays
// here) and authKey (proves the password to the server, which keeps only its SHA-256).
export interface PasswordKeys {
  kek: Uint8Array;
  authKey: Uint8Array;
  /** The automatic backups' kek (core `backupKekFromMasterKey`), only when asked for. */
  backupKek?: Uint8Array;
}

export async function passwordKeys(
  crypto: CryptoClient,
  password: string,
  salt: Uint8Array,
  kdf: KdfParams,
  onProgress?: (fraction: number) => void,
  options: { backup?: boolean } = {},
): Promise<PasswordKeys> {
  // Parameters may come from the server: bounded (floor and ceiling, crypto/kdf) before any work,
  // so a hostile server can neither make this device hang nor accept a weak setting.
  const masterKey = await crypto.deriveMasterKey(password, salt, checkKdfParams(kdf), onProgress);
  try {
    const { kek, authKey } = splitMasterKey(masterKey);
    const keys: PasswordKeys = { kek: trackKey(kek), authKey: trackKey(authKey) };
    if (options.backup) keys.backupKek = trackKey(backupKekFromMasterKey(masterKey));
    return keys;
  } finally {
    wipe(masterKey);
  }
}

export function forgetKeys(keys: PasswordKeys): void {
  wipe(keys.kek, keys.authKey);
  if (keys.backupKek) wipe(keys.backupKek);
}

/**
 * Whether `vaultKey` is this device's vault key: it must open some stored record. A device
 * with no records yet has nothing to compare with and accepts it.
 */
export async function opensLocalRecords(db: TesseraDb, vaultId: string, vaultKey: Uint8Array): Promise<boolean> {
  const rows = await db.records.limit(8).toArray();
  if (rows.length === 0) return true;
  return rows.some((row) => {
    try {
      wipe(openItem(vaultKey, vaultId, row.id, row.envelope));
      return true;
    } catch {
      return false;
    }
  });
}

/** The salt and Argon2id parameters a key was (or is to be) derived with. */
export interface KdfChoice {
  salt: Uint8Array;
  kdf: KdfParams;
}

/** Same salt bytes and the same parameters: what the sign-in answer must repeat from prelogin. */
export function sameKdfChoice(a: KdfChoice, b: KdfChoice): boolean {
  return (
    equalBytes(a.salt, b.salt) &&
    a.kdf.algorithm === b.kdf.algorithm &&
    a.kdf.memoryKiB === b.kdf.memoryKiB &&
    a.kdf.iterations === b.kdf.iterations &&
    a.kdf.parallelism === b.kdf.parallelism
  );
}

export const KDF_MISMATCH_MESSAGE =
  'The server answered the sign-in with other password settings (salt or Argon2id parameters) than the ones it gave for checking your password. Nothing was changed on this device. Try again later; if it happens again, the server is not answering as it should.';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type AccountErrorCode =
  | 'signed-out' // this device holds no session
  | 'no-vault' // there is no vault on this device to sync
  | 'other-vault' // the account holds another vault than this device's
  | 'vault-key-mismatch' // the account's vault key does not open this device's items
  | 'kdf-mismatch' // the sign-in answer names other key settings than the ones the key was made with
  | 'attempt-invalid' // the second step of a sign-in that has ended
  | 'bad-response'; // the server's answer is not what the protocol says

export class AccountError extends TesseraError {
  declare readonly code: AccountErrorCode;
  constructor(code: AccountErrorCode, message: string) {
    super(code, message);
    this.name = 'AccountError';
  }
}
