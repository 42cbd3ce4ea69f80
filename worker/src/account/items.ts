import { SYNC_LIMITS } from '@tessera/core/sync/limits';
import { equalSecrets } from '../crypto.ts';
import { type Outcome, refuse } from '../http/errors.ts';

// An item as stored. envelope null is a tombstone: the push of version 1 once had a change that
// deleted an item, and an object written then may still hold some. No push makes one any more
// (a deletion lives inside the record), but pulls still report the ones that exist, and a client
// must expect a hostile server to invent them (docs/api.md, "Sync from a client's view").
export interface StoredItem {
  id: string;
  seq: number;
  envelope: ArrayBuffer | null;
}

export interface ItemChange {
  id: string;
  baseSeq: number;
  envelope: Uint8Array;
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

function currentItem(sql: SqlStorage, id: string): StoredItem | null {
  return (
    sql
      .exec<{ id: string; seq: number; envelope: ArrayBuffer | null }>(
        'SELECT id, seq, envelope FROM items WHERE id = ?',
        id,
      )
      .toArray()[0] ?? null
  );
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
          if (current !== null && alreadyApplied(current, change)) applied.push({ id: change.id, seq: current.seq });
          else conflicts.push({ id: change.id, current });
          continue;
        }
        if (current === null) live++;
        else if (current.envelope === null) {
          tombstones--;
          live++;
        }
        seq++;
        sql.exec(
          'INSERT INTO items (id, seq, envelope) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, envelope = excluded.envelope',
          change.id,
          seq,
          change.envelope,
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
    .exec<{ id: string; seq: number; envelope: ArrayBuffer | null }>(
      'SELECT id, seq, envelope FROM items WHERE seq > ? ORDER BY seq LIMIT ?',
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
