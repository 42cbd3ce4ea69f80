import Dexie, { type EntityTable } from 'dexie';
import type { KdfParams } from '@tessera/core/crypto/kdf';
import type { Stamp } from '@tessera/core/vault/hlc';

// The IndexedDB schema (docs/web.md has the full table). Only ids, sync bookkeeping, the KDF
// inputs and the wrapped vault key are readable; every record is an envelope sealed with the
// vault key, bound to the vault id and its own id.
export const DB_NAME = 'tessera';

export interface VaultMetaRow {
  key: 'vault';
  format: 1;
  vaultId: string;
  salt: Uint8Array;
  kdf: KdfParams;
  wrappedVaultKey: Uint8Array;
  deviceId: string;
  /** Highest hybrid-clock stamp this device issued, so stamps keep growing across restarts. */
  clock: Stamp | null;
  /** The recovery key's slot (docs/vault-format.md, "Recovery key"); absent before one is made. */
  recovery?: RecoverySlotRow | null;
  /** The passkey's slot on this device (docs/vault-format.md, "Passkey slot"); never synced. */
  passkey?: PasskeySlotRow | null;
}

export interface PasskeySlotRow {
  /** The WebAuthn credential's raw id, asked for by name at unlock. */
  credentialId: Uint8Array;
  /** 32 random bytes: the PRF input and HKDF's salt. */
  salt: Uint8Array;
  /** The vault key sealed under the passkey kek (73 bytes). */
  slot: Uint8Array;
  createdAt: number;
}

export interface RecoverySlotRow {
  /** The vault key sealed under the recovery kek (73 bytes). */
  slot: Uint8Array;
  createdAt: number;
  /** When the user last typed the key back and it opened the slot; null if never. */
  verifiedAt: number | null;
  /**
   * SHA-256(recoveryAuthKey), what the sync account keeps (docs/api.md, "Recovery key"): no
   * secret, kept so turning sync on later can store the key with the account. Absent for a slot
   * that came from the account until the key is typed here once.
   */
  verifier?: Uint8Array;
  /** The sync account holds this same slot (it can reset the account's password). */
  onServer?: boolean;
}

export interface RecordRow {
  id: string;
  envelope: Uint8Array;
  /** Server sequence number of the version this row is based on; 0 before its first sync. */
  seq: number;
  /** 1 while the row holds a local change the server has not acknowledged (the outbox). */
  dirty: 0 | 1;
}

export interface QuarantineRow {
  key?: number;
  id: string;
  envelope: Uint8Array;
  seq: number;
  dirty: 0 | 1;
  /** Error code from opening it: 'does-not-authenticate', 'corrupt-item', 'unsupported-version'. */
  reason: string;
  at: number;
  /** Set aside by sync: the server's copy, which did not open; the device kept its own. */
  fromServer?: true;
}

/** Device-local data that never syncs (usage for "recently used"), sealed like records. */
export interface LocalRow {
  id: string;
  envelope: Uint8Array;
}

/**
 * The sync account of this device (docs/web-sync.md). One row, `key = 'account'`, present from
 * turning sync on or signing in until signing out. The session token is readable without the
 * master password on purpose: it lets ciphertext sync while the vault is locked, and it opens
 * nothing (changing the password or deleting the account needs the password again).
 */
export interface AccountRow {
  key: 'account';
  email: string;
  /** The server vault this device syncs with; always the local vault's id. */
  vaultId: string;
  deviceName: string;
  /** Bearer token; null once the server ended the session (sign in again to resume). */
  token: string | null;
  sessionId: string | null;
  /** Pull cursor: the server seq of the last change applied here ("0" for none). */
  cursor: string;
  /** Why sync stopped without the user asking: the session ended, or the account was deleted. */
  signedOutReason: 'session-ended' | 'account-deleted' | null;
  lastSyncedAt: number | null;
}

/**
 * A server copy of an item this device holds, pulled (or returned as a conflict) while the vault
 * was locked: it can only be opened, checked and merged once the vault key is back, and until
 * then the device keeps its own copy. `envelope` is null for a tombstone.
 */
export interface PendingRow {
  id: string;
  seq: number;
  envelope: Uint8Array | null;
  /** With a null envelope: the proof of a purge (docs/vault-format.md, "Deletion proof"), checked at the unlock. */
  proof?: Uint8Array;
}

/**
 * An item removed from this device for good ("Delete forever", "Empty", the retention period)
 * that the server still holds: the sync engine purges it there with the item's deletion secret,
 * derived from the vault key while unlocked (never stored). `envelope` is the last copy this
 * device held: pushed once more with its deletion hash before the purge, so an item the server
 * got before hashes existed can be purged too. `seq` 0: the server never had it.
 */
export interface PurgeRow {
  id: string;
  seq: number;
  envelope: Uint8Array;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export type TesseraDb = Dexie & {
  meta: EntityTable<VaultMetaRow, 'key'>;
  records: EntityTable<RecordRow, 'id'>;
  quarantine: EntityTable<QuarantineRow, 'key'>;
  local: EntityTable<LocalRow, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
  account: EntityTable<AccountRow, 'key'>;
  pending: EntityTable<PendingRow, 'id'>;
  purges: EntityTable<PurgeRow, 'id'>;
};

export function openDb(name = DB_NAME): TesseraDb {
  const db = new Dexie(name) as TesseraDb;
  db.version(1).stores({
    meta: 'key',
    records: 'id, dirty',
    quarantine: '++key, id',
    local: 'id',
    settings: 'key',
  });
  // Sync (docs/web-sync.md): the account and the conflicts waiting for an unlock. Version 1
  // rows need no change.
  db.version(2).stores({ account: 'key', pending: 'id' });
  // Purges waiting for the server (issue 19). Earlier rows need no change.
  db.version(3).stores({ purges: 'id' });
  return db;
}
