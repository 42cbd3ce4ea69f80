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

// The recovery key's server half: its slot (returned to every device) and SHA-256(recoveryAuthKey).
export interface RecoveryRow {
  slot: ArrayBuffer | Uint8Array;
  verifier: ArrayBuffer | Uint8Array;
  createdAt: number;
}

export interface NewAccount extends Credentials {
  email: string;
  vaultId: string;
  recovery: { slot: Uint8Array; verifier: Uint8Array } | null;
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
  recovery: RecoveryRow | null;
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
      recovery_slot: ArrayBuffer | null;
      recovery_verifier: ArrayBuffer | null;
      recovery_created_at: number | null;
    }>(
      `SELECT email, vault_id, salt, kdf, verifier, wrapped_vault_key, created_at, password_changed_at, seq, item_count,
         recovery_slot, recovery_verifier, recovery_created_at FROM account`,
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
    recovery:
      row.recovery_slot !== null && row.recovery_verifier !== null && row.recovery_created_at !== null
        ? { slot: row.recovery_slot, verifier: row.recovery_verifier, createdAt: row.recovery_created_at }
        : null,
  };
}

export function createAccount(sql: SqlStorage, account: NewAccount, now: number): void {
  sql.exec(
    `INSERT INTO account (only, email, vault_id, salt, kdf, verifier, wrapped_vault_key, created_at, password_changed_at,
       recovery_slot, recovery_verifier, recovery_created_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    account.email,
    account.vaultId,
    account.salt,
    JSON.stringify(account.kdf),
    account.verifier,
    account.wrappedVaultKey,
    now,
    now,
    account.recovery?.slot ?? null,
    account.recovery?.verifier ?? null,
    account.recovery === null ? null : now,
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

// A new recovery key replaces the old slot and verifier in one statement: the old key resets
// nothing from this moment, and every device takes the new slot at its next contact.
export function replaceRecovery(
  sql: SqlStorage,
  recovery: { slot: Uint8Array; verifier: Uint8Array },
  now: number,
): void {
  sql.exec(
    'UPDATE account SET recovery_slot = ?, recovery_verifier = ?, recovery_created_at = ?',
    recovery.slot,
    recovery.verifier,
    now,
  );
}

// SHA-256(recoveryAuthKey) against the stored verifier, in constant time (crypto.ts). An account
// without a recovery key compares against 32 zero bytes, so both take the same steps; no
// SHA-256 output is known to be all zeros, and the caller refuses that case anyway.
export function recoveryMatches(account: AccountRow | null, verifier: Uint8Array): boolean {
  const stored = account?.recovery?.verifier ?? new Uint8Array(32);
  const same = equalSecrets(stored, verifier);
  return same && account?.recovery != null;
}
