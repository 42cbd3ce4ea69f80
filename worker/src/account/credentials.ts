import type { KdfParams } from '@tessera/core/crypto/kdf';
import { equalSecrets } from '../crypto.ts';

// What the server holds to let a device in: the client's salt, KDF parameters and wrapped vault
// key (returned at sign-in), and SHA-256(authKey) to check the password proof against.
export interface Credentials {
  salt: Uint8Array;
  kdf: KdfParams;
  verifier: Uint8Array;
  wrappedVaultKey: Uint8Array;
}

export interface NewAccount extends Credentials {
  email: string;
  vaultId: string;
}

export interface AccountRow {
  email: string;
  vaultId: string;
  salt: ArrayBuffer;
  kdf: KdfParams;
  verifier: ArrayBuffer;
  wrappedVaultKey: ArrayBuffer;
  createdAt: number;
  passwordChangedAt: number;
  seq: number;
  itemCount: number;
}

export function readAccount(sql: SqlStorage): AccountRow | null {
  const row = sql
    .exec<{
      email: string;
      vault_id: string;
      salt: ArrayBuffer;
      kdf: string;
      verifier: ArrayBuffer;
      wrapped_vault_key: ArrayBuffer;
      created_at: number;
      password_changed_at: number;
      seq: number;
      item_count: number;
    }>(
      'SELECT email, vault_id, salt, kdf, verifier, wrapped_vault_key, created_at, password_changed_at, seq, item_count FROM account',
    )
    .toArray()[0];
  if (row === undefined) return null;
  return {
    email: row.email,
    vaultId: row.vault_id,
    salt: row.salt,
    kdf: JSON.parse(row.kdf) as KdfParams,
    verifier: row.verifier,
    wrappedVaultKey: row.wrapped_vault_key,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
    seq: row.seq,
    itemCount: row.item_count,
  };
}

export function createAccount(sql: SqlStorage, account: NewAccount, now: number): void {
  sql.exec(
    `INSERT INTO account (only, email, vault_id, salt, kdf, verifier, wrapped_vault_key, created_at, password_changed_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
    account.email,
    account.vaultId,
    account.salt,
    JSON.stringify(account.kdf),
    account.verifier,
    account.wrappedVaultKey,
    now,
    now,
  );
}

// One statement, so a reader sees either the old four values or the new four, never a mix.
export function replaceCredentials(sql: SqlStorage, next: Credentials, now: number): void {
  sql.exec(
    'UPDATE account SET salt = ?, kdf = ?, verifier = ?, wrapped_vault_key = ?, password_changed_at = ?',
    next.salt,
    JSON.stringify(next.kdf),
    next.verifier,
    next.wrappedVaultKey,
    now,
  );
}

export function verifierMatches(account: AccountRow, verifier: Uint8Array): boolean {
  return equalSecrets(account.verifier, verifier);
}
