import { SYNC_LIMITS } from '@tessera/core/sync/limits';
import { equalSecrets, sha256 } from '../crypto.ts';
import { type Outcome, refuse } from '../http/errors.ts';

// An item as stored. envelope null is a tombstone: the push of version 1 once had a change that
// deleted an item, and an object written then may still hold some. No push makes one any more
// (a deletion lives inside the record), but pulls still report the ones that exist, and a client
// must expect a hostile server to invent them (docs/api.md, "Sync from a client's view").
// proof: on a purge marker (envelope null), the deletion secret the purge proved itself with
// (docs/vault-format.md, "Deletion proof"); null on a version 1 tombstone.
export interface StoredItem {
  id: string;
  seq: number;
  envelope: ArrayBuffer | null;
  proof: ArrayBuffer | null;
}

export interface ItemChange {
  id: string;
  baseSeq: number;
  envelope: Uint8Array;
  /** SHA-256 of the item's deletion secret; absent from an older client's push. */
  deletionHash: Uint8Array | null;
}

export interface ItemPurge {
  id: string;
  baseSeq: number;
  proof: Uint8Array;
}

export interface PushResult {
  applied: { id: string; seq: number }[];
  conflicts: { id: string; current: StoredItem | null }[];
  // The account's seq after the push, and whether anything was written (to poke other devices).
  seq: number;
  wrote: boolean;
}

type VaultState = {
  seq: number;
  item_count: number;
  tombstone_count: number;
};

function vaultState(sql: SqlStorage): VaultState {
  return sql.exec<VaultState>('SELECT seq, item_count, tombstone_count FROM account').one();
}

interface ItemRow extends StoredItem {
  hash: ArrayBuffer | null;
}

function currentItem(sql: SqlStorage, id: string): ItemRow | null {
  return (
    sql
      .exec<{
        id: string;
        seq: number;
        envelope: ArrayBuffer | null;
        proof: ArrayBuffer | null;
        hash: ArrayBuffer | null;
      }>('SELECT id, seq, envelope, purge_proof AS proof, deletion_hash AS hash FROM items WHERE id = ?', id)
      .toArray()[0] ?? null
  );
}

// What a conflict or a pull shows of a row: never the deletion hash.
function shown({ id, seq, envelope, proof }: StoredItem): StoredItem {
  return { id, seq, envelope, proof };
}

// The hash an item keeps after a push. The secret is a function of the vault key and the id, so a
// real client always sends the same hash: the first one stays, and a different one (which only
// someone without the vault key could send) changes nothing. Over a purge marker the item starts
// again, except that the purged secret is public now (the feed showed it): a hash of it is not kept.
function hashAfterPush(current: ItemRow | null, pushed: Uint8Array | null): Uint8Array | ArrayBuffer | null {
  if (current === null) return pushed;
  if (current.envelope === null && current.proof !== null) {
    return pushed !== null && current.hash !== null && equalSecrets(current.hash, pushed) ? null : pushed;
  }
  return current.hash ?? pushed;
}

// A change whose result is already the item's current state is a retry of a push whose answer
// was lost: envelopes carry a random 24-byte nonce, so two different writes never produce the
// same bytes. It is reported as applied at the current seq and nothing is written again.
function alreadyApplied(current: StoredItem, change: ItemChange): boolean {
  return current.envelope !== null && equalSecrets(current.envelope, change.envelope);
}

// Runs in one SQLite transaction: either every non-conflicting change is written, each with its
// own new seq, or (when the vault would overflow) nothing is. A change written over a tombstone
// brings the item back.
export function pushChanges(storage: DurableObjectStorage, changes: readonly ItemChange[]): Outcome<PushResult> {
  const sql = storage.sql;
  try {
    return storage.transactionSync(() => {
      const state = vaultState(sql);
      let { seq, item_count: live, tombstone_count: tombstones } = state;
      const applied: PushResult['applied'] = [];
      const conflicts: PushResult['conflicts'] = [];
      for (const change of changes) {
        const current = currentItem(sql, change.id);
        if ((current?.seq ?? 0) !== change.baseSeq) {
          if (current !== null && alreadyApplied(current, change)) {
            // A retry of a push that set the item's first hash: set it now, with no new seq.
            if (current.hash === null && change.deletionHash !== null)
              sql.exec('UPDATE items SET deletion_hash = ? WHERE id = ?', change.deletionHash, change.id);
            applied.push({ id: change.id, seq: current.seq });
          } else conflicts.push({ id: change.id, current: current === null ? null : shown(current) });
          continue;
        }
        if (current === null) live++;
        else if (current.envelope === null) {
          tombstones--;
          live++;
        }
        seq++;
        sql.exec(
          'INSERT INTO items (id, seq, envelope, deletion_hash, purge_proof) VALUES (?, ?, ?, ?, NULL) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, envelope = excluded.envelope, deletion_hash = excluded.deletion_hash, purge_proof = NULL',
          change.id,
          seq,
          change.envelope,
          hashAfterPush(current, change.deletionHash),
        );
        applied.push({ id: change.id, seq });
      }
      if (live > SYNC_LIMITS.itemsPerAccount && live > state.item_count)
        throw new VaultFull(`items (${SYNC_LIMITS.itemsPerAccount})`);
      const wrote = seq !== state.seq;
      if (wrote) sql.exec('UPDATE account SET seq = ?, item_count = ?, tombstone_count = ?', seq, live, tombstones);
      return { ok: true as const, value: { applied, conflicts, seq, wrote } };
    });
  } catch (e) {
    if (e instanceof VaultFull)
      return refuse('vault-full', `This push would exceed the account's limit of ${e.message}; nothing was applied`);
    throw e;
  }
}

class VaultFull extends Error {}

export interface PurgeResult {
  purged: { id: string; seq: number }[];
  conflicts: { id: string; current: StoredItem | null }[];
  seq: number;
  wrote: boolean;
}

class PurgeRefused extends Error {
  readonly code: 'deletion-proof-invalid' | 'deletion-proof-unavailable';
  constructor(code: PurgeRefused['code'], message: string) {
    super(message);
    this.code = code;
  }
}

// Removes items for good, each on the proof that the client holds the vault key
// (docs/vault-format.md, "Deletion proof"): SHA-256(proof) must equal the hash the item was
// pushed with, compared in constant time. The envelope is dropped and a purge marker (id, new
// seq, proof) takes its place, so other devices hear of it in the changes feed and check the
// proof themselves. One transaction: a wrong or impossible proof anywhere purges nothing.
// A stale baseSeq (the item changed since the client saw it, say a restore on another device)
// is a conflict with the current item, as in a push; an item already purged or never pushed too.
export async function purgeItems(
  storage: DurableObjectStorage,
  purges: readonly ItemPurge[],
): Promise<Outcome<PurgeResult>> {
  const sql = storage.sql;
  const hashes = await Promise.all(purges.map((p) => sha256(p.proof)));
  try {
    return storage.transactionSync(() => {
      const state = vaultState(sql);
      let { seq, item_count: live, tombstone_count: tombstones } = state;
      const purged: PurgeResult['purged'] = [];
      const conflicts: PurgeResult['conflicts'] = [];
      for (const [i, purge] of purges.entries()) {
        const current = currentItem(sql, purge.id);
        if (current === null || current.envelope === null || current.seq !== purge.baseSeq) {
          conflicts.push({ id: purge.id, current: current === null ? null : shown(current) });
          continue;
        }
        if (current.hash === null)
          throw new PurgeRefused(
            'deletion-proof-unavailable',
            `items[${i}] (${purge.id}) was pushed without a deletionHash: push it with one, then purge it`,
          );
        if (!equalSecrets(current.hash, hashes[i] as Uint8Array))
          throw new PurgeRefused(
            'deletion-proof-invalid',
            `items[${i}] (${purge.id}): the proof is not this item's deletion secret`,
          );
        seq++;
        live--;
        tombstones++;
        sql.exec('UPDATE items SET seq = ?, envelope = NULL, purge_proof = ? WHERE id = ?', seq, purge.proof, purge.id);
        purged.push({ id: purge.id, seq });
      }
      const wrote = seq !== state.seq;
      if (wrote) sql.exec('UPDATE account SET seq = ?, item_count = ?, tombstone_count = ?', seq, live, tombstones);
      return { ok: true as const, value: { purged, conflicts, seq, wrote } };
    });
  } catch (e) {
    if (e instanceof PurgeRefused) return refuse(e.code, `${e.message}; nothing was purged`);
    throw e;
  }
}

export interface PullResult {
  changes: StoredItem[];
  nextCursor: number;
  more: boolean;
}

export function pullChanges(sql: SqlStorage, since: number, limit: number): Outcome<PullResult> {
  const { seq } = vaultState(sql);
  if (since > seq) {
    return refuse(
      'cursor-invalid',
      `The cursor ${since} is beyond this vault's latest change (${seq}): pull again from 0`,
    );
  }
  const rows = sql
    .exec<{ id: string; seq: number; envelope: ArrayBuffer | null; proof: ArrayBuffer | null }>(
      'SELECT id, seq, envelope, purge_proof AS proof FROM items WHERE seq > ? ORDER BY seq LIMIT ?',
      since,
      limit + 1,
    )
    .toArray();
  const more = rows.length > limit;
  if (more) rows.length = limit;
  // Without more pages the cursor jumps to the account's seq: every change up to it has been seen.
  const nextCursor = more ? (rows[rows.length - 1] as StoredItem).seq : seq;
  return { ok: true, value: { changes: rows, nextCursor, more } };
}
