import { backupVaultKek } from '@tessera/core/transfer/backup-file';
import { createSignal, type Accessor } from 'solid-js';
import { deletionSecret, verifyDeletionProof } from '@tessera/core/crypto/deletion';
import { equalBytes } from '@tessera/core/crypto/bytes';
import { openItem, sealItem } from '@tessera/core/crypto/item';
import { randomId } from '@tessera/core/crypto/random';
import { isTesseraError } from '@tessera/core/errors';
import type { Otp } from '@tessera/core/otp/types';
import { decodeRecord, encodeRecord } from '@tessera/core/vault/codec';
import {
  advanceHotp,
  createRecord,
  deleteRecord,
  observeRecord,
  recordView,
  restoreRecord,
  updateRecord,
} from '@tessera/core/vault/edit';
import { HybridClock } from '@tessera/core/vault/hlc';
import { RecordError, type RecordInput, type RecordView, type VaultRecord } from '@tessera/core/vault/record';
import type { QuarantineRow, RecordRow, TesseraDb, VaultMetaRow } from './db.ts';
import { createSerialQueue } from './serial-queue.ts';
import { mapInSlices } from './slices.ts';
import { openTabChannel, type OpenChannel, type TabChannel } from './tab-channel.ts';
import { openUsage, type Usage } from './usage.ts';
import { isQuotaError, quarantineReason, storageFull, VaultError, vaultLocked } from './vault-errors.ts';

// The unlocked vault: the vault key (in memory only), every record decrypted into signals, and
// every write sealed before it reaches IndexedDB. One instance per unlock; close() forgets it.
export interface QuarantinedItem {
  key: number;
  id: string;
  reason: string;
  at: number;
  /** The server's copy (set aside by sync); this device kept its own copy of the item. */
  fromServer: boolean;
}

export type OtpTarget = { recordId: string } | { newRecord: true };

/**
 * What the sync engine (services/sync) may do with the open vault, inside the write queue so a
 * merge never interleaves with a local edit. Everything throws VaultError 'vault-locked' once closed.
 */
export interface SyncTools {
  readonly vaultId: string;
  /** Opens a record envelope of item `id` (throws on any failure, as at unlock). */
  openRecord(id: string, envelope: Uint8Array): VaultRecord;
  sealRecord(record: VaultRecord): Uint8Array;
  /** Folds a received record's stamps into this device's clock (docs/core/vault.md §4). */
  observe(record: VaultRecord): void;
  /** The record moved to Recently deleted, stamped by this device's clock. */
  trash(record: VaultRecord): VaultRecord;
  /** The item's deletion secret (docs/vault-format.md, "Deletion proof"); the caller wipes it. */
  deletionSecret(id: string): Uint8Array;
  /** Whether a purge's proof is this item's deletion secret under this vault's key (constant time). */
  verifyDeletion(id: string, proof: Uint8Array): boolean;
  /** The same record under a new id (a copy kept when its old id was purged elsewhere). */
  rehome(record: VaultRecord): VaultRecord;
  /** Seals or opens device-local data under the vault key (like `local:usage`). */
  sealLocal(id: string, plaintext: Uint8Array): Uint8Array;
  openLocal(id: string, envelope: Uint8Array): Uint8Array;
  /** Re-reads these rows (written by the engine), shows them here and in other tabs. */
  reload(ids: readonly string[]): Promise<void>;
}

export interface VaultStore {
  readonly vaultId: string;
  records: Accessor<readonly RecordView[]>;
  quarantined: Accessor<readonly QuarantinedItem[]>;
  /** Items set aside during this unlock, for the banner. */
  newlyQuarantined: Accessor<number>;
  lastUsed: Accessor<ReadonlyMap<string, number>>;
  view(id: string): RecordView | undefined;
  create(input: RecordInput): Promise<string>;
  update(id: string, patch: RecordInput): Promise<void>;
  remove(id: string): Promise<void>;
  restore(id: string): Promise<void>;
  /**
   * Removes these records from this device for good (Recently deleted's "Delete forever",
   * "Empty", the retention period). With a sync account each is queued for the server's purge
   * (db.ts PurgeRow), which the sync engine sends with the item's deletion secret.
   */
  purge(ids: readonly string[]): Promise<void>;
  nextHotp(id: string): Promise<void>;
  saveOtps(otps: readonly Otp[], target: OtpTarget): Promise<string[]>;
  /** New records for every input in one transaction (an import): all are added or none. */
  addRecords(inputs: readonly RecordInput[]): Promise<string[]>;
  markUsed(id: string): void;
  retryQuarantined(key: number): Promise<boolean>;
  /** Re-reads rows written by someone else (another tab, the sync engine) and shows them. */
  refresh(ids: readonly string[]): Promise<void>;
  /** Runs a sync task in the write queue (services/sync). */
  exclusive<T>(task: (tools: SyncTools) => Promise<T>): Promise<T>;
  /** Called with the ids after every local write, so the sync engine can push soon. */
  onWrite(listener: (ids: readonly string[]) => void): () => void;
  /**
   * A new copy of the backup vault kek (core `backupVaultKek`: HKDF of the vault key), which lets
   * a backup open with the recovery key as well; the caller wipes it. The vault key stays here.
   */
  backupVaultKek(): Uint8Array;
  close(): void;
}

export interface VaultStoreOptions {
  /** How tabs of this vault reach each other (tab-channel.ts); BroadcastChannel by default. */
  openChannel?: OpenChannel;
}

/** One stored row to its record: decrypt, decode, check it is the item it claims to be. */
export function openRecordRow(
  vaultKey: Uint8Array,
  vaultId: string,
  row: Pick<RecordRow, 'id' | 'envelope'>,
): VaultRecord {
  const record = decodeRecord(openItem(vaultKey, vaultId, row.id, row.envelope));
  if (record.id !== row.id) throw new RecordError('record-id-mismatch', 'The record inside belongs to another item');
  return record;
}

export async function openVaultStore(
  db: TesseraDb,
  meta: VaultMetaRow,
  vaultKey: Uint8Array,
  options: VaultStoreOptions = {},
): Promise<VaultStore> {
  return prepareVaultStore(db, meta, options).open(vaultKey);
}

export interface PreparedVaultStore {
  readonly vaultId: string;
  /** Settles once the rows are read (never rejects: a failed read shows at open). */
  readonly read: Promise<void>;
  /**
   * Opens the rows read at preparation with the vault key; once only. `meta`, the vault's row as
   * it is now (its clock moves with every write), replaces the one given at preparation.
   */
  open(vaultKey: Uint8Array, meta?: VaultMetaRow): Promise<VaultStore>;
  /** No longer wanted: leaves the channel; open() is no longer possible. */
  cancel(): void;
}

/**
 * The part of opening that needs no key, done ahead (the unlock screen does it while the password
 * is typed): join the tabs' channel, then read the stored rows, which are ciphertext. Joining
 * first means no write is missed: ids another tab announces from then on (rows it wrote or
 * removed after the read) are read again once the store is open.
 */
export function prepareVaultStore(
  db: TesseraDb,
  meta: VaultMetaRow,
  options: VaultStoreOptions = {},
): PreparedVaultStore {
  let store: VaultStore | null = null;
  // A set: a lock screen left open while another tab edits hears the same ids again and again.
  const heard = new Set<string>();
  let used = false;
  // Tabs of the same vault tell each other which rows they wrote (tab-channel.ts).
  const channel = openTabChannel(
    meta.vaultId,
    (ids) => {
      if (store) void store.refresh(ids);
      else for (const id of ids) heard.add(id);
    },
    options.openChannel,
  );
  const rows = db.records.toArray();
  // A cancelled preparation never reads the answer; its failure is not an error then.
  const read = rows.then(
    () => undefined,
    () => undefined,
  );
  return {
    vaultId: meta.vaultId,
    read,
    async open(vaultKey, now = meta) {
      if (used) throw new VaultError('vault-locked', 'This preparation was used or cancelled');
      used = true;
      try {
        if (now.vaultId !== meta.vaultId) throw new VaultError('vault-locked', 'The rows read belong to another vault');
        store = await openRows(db, now, vaultKey, await rows, channel);
      } catch (error) {
        channel.close();
        throw error;
      }
      const missed = [...heard];
      heard.clear();
      if (missed.length > 0) void store.refresh(missed);
      return store;
    },
    cancel() {
      if (used) return;
      used = true;
      channel.close();
    },
  };
}

// Rows per IndexedDB request in a large write (see writeNow).
const ROWS_PER_REQUEST = 500;

async function openRows(
  db: TesseraDb,
  meta: VaultMetaRow,
  vaultKey: Uint8Array,
  rows: RecordRow[],
  channel: TabChannel,
): Promise<VaultStore> {
  const { vaultId } = meta;
  const clock = new HybridClock(meta.deviceId);
  if (meta.clock) {
    try {
      clock.observe(meta.clock);
    } catch (error) {
      // A stamp far in the future (the device clock was wrong then) is not followed; edits
      // still stamp after each field's own stamp (vault/edit.ts).
      if (!isTesseraError(error, 'stamp-too-far-ahead')) throw error;
    }
  }
  const plain = new Map<string, VaultRecord>();

  const open = (row: RecordRow): VaultRecord => openRecordRow(vaultKey, vaultId, row);

  // Open everything; what does not open is moved aside whole (never deleted) so the rest of the
  // vault stays usable and the item can be looked at or retried later.
  // User-timing marks for tests/perf (unlock split): rows read (during Argon2id, on an unlock),
  // then rows opened.
  performance.mark('tessera:records-read');
  const setAside: QuarantineRow[] = [];
  // Opening 1,000 records takes ~200 ms: done in slices so the progress animation and input
  // keep running (the UI is never frozen for more than a frame or two).
  await mapInSlices(rows, (row) => {
    try {
      const record = open(row);
      observeRecord(record, clock);
      plain.set(row.id, record);
    } catch (error) {
      setAside.push({
        id: row.id,
        envelope: row.envelope,
        seq: row.seq,
        dirty: row.dirty,
        reason: quarantineReason(error),
        at: Date.now(),
      });
    }
  });
  performance.mark('tessera:records-opened');
  if (setAside.length > 0) {
    await db.transaction('rw', db.records, db.quarantine, async () => {
      // Only rows still as they were read: the rows may have been read a while ago (on the
      // unlock screen), and another tab may have set one aside or rewritten it since (a rewrite
      // is announced, and read again once the store is open).
      const now = await db.records.bulkGet(setAside.map((row) => row.id));
      const still = setAside.filter((row, at) => {
        const stored = now[at];
        return stored !== undefined && equalBytes(stored.envelope, row.envelope);
      });
      setAside.splice(0, setAside.length, ...still);
      await db.quarantine.bulkAdd(still);
      await db.records.bulkDelete(still.map((row) => row.id));
    });
  }

  const toViews = () => [...plain.values()].map(recordView);
  const [records, setRecords] = createSignal<readonly RecordView[]>(toViews());
  const views = new Map(records().map((view) => [view.id, view]));
  const listQuarantine = async () =>
    (await db.quarantine.toArray()).map(({ key, id, reason, at, fromServer }) => ({
      key: key!,
      id,
      reason,
      at,
      fromServer: fromServer === true,
    }));
  const [quarantined, setQuarantined] = createSignal<readonly QuarantinedItem[]>(await listQuarantine());
  const usage: Usage = await openUsage(db, vaultKey, vaultId);
  let closed = false;

  const publish = (changed: VaultRecord[], removed: readonly string[] = []) => {
    const gone = new Set(removed);
    for (const id of gone) views.delete(id);
    const next = gone.size > 0 ? records().filter((view) => !gone.has(view.id)) : [...records()];
    const position = new Map(next.map((view, at) => [view.id, at]));
    for (const record of changed) {
      const view = recordView(record);
      const at = position.get(record.id);
      if (at === undefined) position.set(view.id, next.push(view) - 1);
      else next[at] = view;
      views.set(view.id, view);
    }
    setRecords(next);
  };

  // Every change: seal, write the row and the clock in one transaction, then show it. Writes
  // run one after another and each edit is computed from the record as the previous write left
  // it, so two quick edits (a title, then a star) never overwrite each other.
  const queue = createSerialQueue();
  const write = <T>(edit: () => { records: VaultRecord[]; result: T }): Promise<T> =>
    queue.run(async () => {
      // Locked while this waited its turn: the records are gone from memory, so say that rather
      // than 'no-record' (callers and the sync engine wait for 'vault-locked').
      if (closed) throw vaultLocked();
      const { records: edited, result } = edit();
      await writeNow(edited);
      return result;
    });
  const writeNow = async (edited: VaultRecord[]) => {
    if (closed) throw vaultLocked();
    // An edit that changes nothing returns the same object: nothing to seal, store or sync.
    const changed = edited.filter((record) => plain.get(record.id) !== record);
    if (changed.length === 0) return;
    const stamp = clock.tick();
    // Sealed before the transaction, in slices (an import of 10,000 records seals for ~0.3 s);
    // the rows are then written in one transaction, so an import adds everything or nothing.
    const envelopes = await mapInSlices(changed, (record) =>
      sealItem(vaultKey, vaultId, record.id, encodeRecord(record)),
    );
    if (closed) throw vaultLocked();
    try {
      await db.transaction('rw', db.records, db.meta, async () => {
        // In parts, each read and written by requests of its own: the page then copies a part's
        // rows in and out of IndexedDB per task, not 10,000 in one (an import; measured at 60-85
        // ms a run of Dexie's bulkPut). Still one transaction: all or nothing.
        for (let from = 0; from < changed.length; from += ROWS_PER_REQUEST) {
          const part = changed.slice(from, from + ROWS_PER_REQUEST);
          const existing = await db.records.bulkGet(part.map((record) => record.id));
          await db.records.bulkPut(
            part.map((record, at) => ({
              id: record.id,
              envelope: envelopes[from + at]!,
              seq: existing[at]?.seq ?? 0,
              dirty: 1 as const,
            })),
          );
        }
        await db.meta.update('vault', { clock: stamp });
      });
    } catch (error) {
      // Nothing was written (one transaction) and nothing is shown as saved: the caller keeps
      // the edit on screen with words the user can act on, and saving again retries it.
      throw isQuotaError(error) ? storageFull() : error;
    }
    for (const record of changed) plain.set(record.id, record);
    publish(changed);
    const ids = changed.map((record) => record.id);
    channel.post(ids);
    for (const listener of writeListeners) listener(ids);
  };
  const writeListeners = new Set<(ids: readonly string[]) => void>();
  const live = () => {
    if (closed) throw vaultLocked();
  };
  const tools: SyncTools = {
    vaultId,
    openRecord(id, envelope) {
      live();
      return open({ id, envelope, seq: 0, dirty: 0 });
    },
    sealRecord(record) {
      live();
      return sealItem(vaultKey, vaultId, record.id, encodeRecord(record));
    },
    observe(record) {
      observeRecord(record, clock);
    },
    trash(record) {
      live();
      return deleteRecord(record, clock);
    },
    deletionSecret(id) {
      live();
      return deletionSecret(vaultKey, id);
    },
    verifyDeletion(id, proof) {
      live();
      return verifyDeletionProof(vaultKey, id, proof);
    },
    rehome(record) {
      // Every field keeps its stamp; only the id (bound into the envelope's AAD) is new.
      return { ...record, id: randomId() };
    },
    sealLocal(id, plaintext) {
      live();
      return sealItem(vaultKey, vaultId, id, plaintext);
    },
    openLocal(id, envelope) {
      live();
      return openItem(vaultKey, vaultId, id, envelope);
    },
    async reload(ids) {
      await store.refresh(ids);
      channel.post(ids);
    },
  };

  const current = (id: string): VaultRecord => {
    const record = plain.get(id);
    if (!record) throw new VaultError('no-record', `There is no record ${id} in this vault`);
    return record;
  };

  const store: VaultStore = {
    vaultId,
    records,
    quarantined,
    newlyQuarantined: () => setAside.length,
    lastUsed: usage.lastUsed,
    view: (id) => views.get(id),
    create(input) {
      return write(() => {
        const record = createRecord(input, clock);
        return { records: [record], result: record.id };
      });
    },
    update(id, patch) {
      return write(() => ({ records: [updateRecord(current(id), patch, clock)], result: undefined }));
    },
    remove(id) {
      return write(() => ({ records: [deleteRecord(current(id), clock)], result: undefined }));
    },
    restore(id) {
      return write(() => ({ records: [restoreRecord(current(id), clock)], result: undefined }));
    },
    purge(ids) {
      return queue.run(async () => {
        live();
        const gone = [...new Set(ids)].filter((id) => plain.has(id));
        if (gone.length === 0) return;
        await db.transaction('rw', [db.records, db.pending, db.purges, db.account], async () => {
          const synced = (await db.account.get('account')) !== undefined;
          const rows = await db.records.bulkGet(gone);
          if (synced) {
            await db.purges.bulkPut(
              rows.flatMap((row) => (row ? [{ id: row.id, seq: row.seq, envelope: row.envelope }] : [])),
            );
          }
          await db.records.bulkDelete(gone);
          await db.pending.bulkDelete(gone);
        });
        for (const id of gone) plain.delete(id);
        publish([], gone);
        channel.post(gone);
        for (const listener of writeListeners) listener(gone);
      });
    },
    nextHotp(id) {
      return write(() => ({ records: [advanceHotp(current(id), clock)], result: undefined }));
    },
    saveOtps(otps, target) {
      return write(() => {
        const changed: VaultRecord[] = [];
        let rest = [...otps];
        if ('recordId' in target && rest.length > 0) {
          changed.push(updateRecord(current(target.recordId), { otp: rest[0]! }, clock));
          rest = rest.slice(1);
        }
        // Several OTPs (a migration export) become one new record each.
        for (const otp of rest) changed.push(createRecord({ otp }, clock));
        return { records: changed, result: changed.map((record) => record.id) };
      });
    },
    addRecords(inputs) {
      return queue.run(async () => {
        if (closed) throw vaultLocked();
        // Checked and stamped in slices (10,000 entries of an import took one long task); new
        // records depend on no other, so nothing queued can change them meanwhile.
        const created = await mapInSlices(inputs, (input) => createRecord(input, clock));
        await writeNow(created);
        return created.map((record) => record.id);
      });
    },
    markUsed(id) {
      usage.markUsed(id);
    },
    async retryQuarantined(key) {
      const row = await db.quarantine.get(key);
      if (!row) return false;
      let record: VaultRecord;
      try {
        record = open(row);
      } catch {
        return false;
      }
      await db.transaction('rw', db.records, db.quarantine, async () => {
        await db.records.put({ id: row.id, envelope: row.envelope, seq: row.seq, dirty: row.dirty });
        await db.quarantine.delete(key);
      });
      plain.set(record.id, record);
      publish([record]);
      setQuarantined(await listQuarantine());
      return true;
    },
    async refresh(ids) {
      const fresh: VaultRecord[] = [];
      const removed: string[] = [];
      const rows = await db.records.bulkGet([...ids]);
      for (const [i, row] of rows.entries()) {
        if (closed) return;
        // A row removed by sync (the item was deleted for good on another device).
        if (!row) {
          if (plain.delete(ids[i]!)) removed.push(ids[i]!);
          continue;
        }
        try {
          const record = open(row);
          observeRecord(record, clock);
          fresh.push(record);
        } catch {
          // Left for the next unlock, which sets it aside with the reason.
        }
      }
      // Sync may have set a server copy of one of these aside (docs/web-sync.md).
      const aside = await listQuarantine();
      if (closed) return;
      if (aside.length !== quarantined().length) setQuarantined(aside);
      if (fresh.length + removed.length === 0) return;
      for (const record of fresh) plain.set(record.id, record);
      publish(fresh, removed);
    },
    exclusive(task) {
      return queue.run(() => {
        live();
        return task(tools);
      });
    },
    onWrite(listener) {
      writeListeners.add(listener);
      return () => writeListeners.delete(listener);
    },
    backupVaultKek() {
      live();
      return backupVaultKek(vaultKey);
    },
    close() {
      closed = true;
      writeListeners.clear();
      channel.close();
      usage.close();
      plain.clear();
      views.clear();
      setRecords([]);
      vaultKey.fill(0);
    },
  };
  return store;
}
