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
}

/** Device-local data that never syncs (usage for "recently used"), sealed like records. */
export interface LocalRow {
  id: string;
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
  return db;
}
