import { wipe } from '@tessera/core/crypto/bytes';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { TransferError } from '@tessera/core/transfer/errors';
import type { AegisExport } from '@tessera/core/transfer/aegis-export';
import type { MigrationExport } from '@tessera/core/transfer/google-migration';
import { MAX_FILE_BYTES } from '@tessera/core/transfer/input';
import { exportOtpauthList } from '@tessera/core/transfer/otpauth-list';
import { planImport, recordInputs, type ImportPlan } from '@tessera/core/transfer/plan';
import type { ImportFormat } from '@tessera/core/transfer/types';
import { openDb, type VaultMetaRow } from './db.ts';
import type { TransferClient } from './transfer-client.ts';
import { VaultError } from './vault-errors.ts';
import type { VaultStore } from './vault-store.ts';
import { compareByName } from '../lib/record-list.ts';

// Settings > Import / Export over @tessera/core/transfer (docs/web-transfer.md). Parsing and key
// derivation run in the transfer worker; the preview is planned against the open vault, and an
// import is written by the vault store in one transaction, so it adds all it showed or nothing.

/** What the user gave: a file's bytes with its name (a hint for formats that need one), or text. */
export type ImportSource = { kind: 'file'; name: string; bytes: Uint8Array } | { kind: 'text'; text: string };

export interface ReadOptions {
  /** The file's own password (not the master password). */
  password?: string;
  /** The format the user picked when detection found none. */
  format?: ImportFormat;
}

export type VaultMeta = Pick<VaultMetaRow, 'salt' | 'kdf' | 'wrappedVaultKey' | 'recovery'>;

export interface TransferDeps {
  client: TransferClient;
  store: Pick<VaultStore, 'records' | 'view' | 'addRecords' | 'backupVaultKek'>;
  /** The stored KDF inputs and wrapped vault key, to check the master password as unlocking does. */
  vaultMeta: () => Promise<VaultMeta>;
}

export interface TransferService {
  /** The file as bytes; TransferError 'too-large' before reading one above core's limit. */
  readFile(file: File): Promise<ImportSource>;
  /** Reads an export in the worker and marks each entry new or already in the vault. */
  preview(source: ImportSource, options?: ReadOptions): Promise<ImportPlan>;
  /** Adds every entry the plan ticks, in one transaction; the new records' ids. */
  add(plan: ImportPlan): Promise<string[]>;
  /** A Tessera backup of the whole vault under its own password. */
  backup(password: string): Promise<Uint8Array>;
  /** An Aegis vault of every OTP (scrypt and AES-GCM under `password` when given), and what it leaves out. */
  aegis(password?: string): Promise<AegisExport>;
  /** Whether `password` is the master password; nothing about the open vault changes. */
  checkMasterPassword(password: string): Promise<boolean>;
  /** Every OTP as an otpauth:// URI, one per line. */
  otpauthList(): string;
  /** Google Authenticator export QR code contents, ten accounts each, and what cannot go (in the worker). */
  migrationCodes(): Promise<MigrationExport>;
  /** The otpauth:// URI of one record's OTP, or null when it has none. */
  recordUri(id: string): string | null;
  /** Stops a read, a backup or a check that is running (the worker is ended). */
  cancel(): void;
}

export function createTransferService({ client, store, vaultMeta }: TransferDeps): TransferService {
  // In the order the list shows them, so exports and what they leave out read the same every time.
  const live = () =>
    store
      .records()
      .filter((record) => !record.deleted)
      .sort(compareByName);
  return {
    async readFile(file) {
      // Checked before reading: a 2 GB file must not be pulled into memory to be refused.
      if (file.size > MAX_FILE_BYTES) {
        throw new TransferError('too-large', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, null);
      }
      return { kind: 'file', name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    },
    async preview(source, options = {}) {
      const args = source.kind === 'file' ? { input: source.bytes, fileName: source.name } : { input: source.text };
      const result = await client.call('import', { ...args, ...options });
      return planImport(result, store.records());
    },
    async add(plan) {
      const inputs = recordInputs(plan);
      return inputs.length === 0 ? [] : store.addRecords(inputs);
    },
    async backup(password) {
      // The vault's recovery slot goes in too, so the file also opens with the recovery key.
      const slot = (await vaultMeta()).recovery?.slot;
      if (!slot) return client.call('backup', { records: live(), password });
      const vaultKek = store.backupVaultKek();
      try {
        return await client.call('backup', { records: live(), password, recovery: { slot, vaultKek } });
      } finally {
        wipe(vaultKek);
      }
    },
    aegis(password) {
      return client.call('aegis', password === undefined ? { records: live() } : { records: live(), password });
    },
    async checkMasterPassword(password) {
      if (password === '') return false;
      const meta = await vaultMeta();
      return client.call('verify', { password, salt: meta.salt, kdf: meta.kdf, wrappedVaultKey: meta.wrappedVaultKey });
    },
    otpauthList() {
      return exportOtpauthList(live());
    },
    migrationCodes() {
      return client.call('migration', { records: live() });
    },
    recordUri(id) {
      const record = store.view(id);
      return record && !record.deleted && record.otp ? formatOtpUri(record.otp) : null;
    },
    cancel() {
      client.cancel();
    },
  };
}

/** The vault's KDF inputs, read on their own short-lived connection (the open vault keeps none of them). */
export async function readVaultMeta(): Promise<VaultMeta> {
  const db = openDb();
  try {
    const row = await db.meta.get('vault');
    if (!row) throw new VaultError('no-vault', 'There is no vault on this device');
    return { salt: row.salt, kdf: row.kdf, wrappedVaultKey: row.wrappedVaultKey, recovery: row.recovery ?? null };
  } finally {
    db.close();
  }
}
