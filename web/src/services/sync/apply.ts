import { equalBytes } from '@tessera/core/crypto/bytes';
import { isTesseraError } from '@tessera/core/errors';
import type { ServerItem } from '@tessera/core/sync/protocol';
import type { VaultRecord } from '@tessera/core/vault/record';
import type { RecordRow, TesseraDb } from '../db.ts';
import type { SyncTools } from '../vault-store.ts';
import {
  isRollback,
  planLocked,
  planUnlocked,
  type LocalCopy,
  type LockedPlan,
  type Plan,
  type RemoteCopy,
} from './planner.ts';
import type { RevMemory } from './rev-memory.ts';
import { quarantineReason } from '../vault-errors.ts';

// Writes what the server sent into IndexedDB. Each call is one Dexie transaction over the
// records, the pending conflicts, the quarantine and the account's cursor, so a crash or a
// closed tab in the middle leaves either all of a page applied (and the cursor moved past it)
// or none of it: nothing is lost and nothing is applied twice.

/** A server item, or the null `current` of a push conflict (the server never had the item). */
export type Incoming = ServerItem | { id: string; absent: true };

/** The open vault's tools, when there is one; without them only ciphertext moves. */
export interface Keys {
  tools: SyncTools;
  revs: RevMemory;
}

export interface Applied {
  /** Rows written or removed: shown again by the open vault. */
  ids: string[];
  rollbacks: number;
  deferred: number;
  setAside: number;
  /** Server tombstones turned into Recently deleted. */
  trashed: number;
  /** Items removed for good here by a verified purge. */
  purged: number;
}

function remoteCopy(item: Incoming, tools: SyncTools): RemoteCopy {
  if ('absent' in item) return { kind: 'absent' };
  if ('deleted' in item) {
    if (item.proof === undefined) return { kind: 'deleted', seq: item.seq };
    return { kind: 'purged', seq: item.seq, verified: tools.verifyDeletion(item.id, item.proof) };
  }
  try {
    const record = tools.openRecord(item.id, item.envelope);
    tools.observe(record);
    return { kind: 'record', seq: item.seq, record, envelope: item.envelope };
  } catch (error) {
    if (isTesseraError(error, 'vault-locked')) throw error;
    return { kind: 'unreadable', seq: item.seq, envelope: item.envelope, reason: quarantineReason(error) };
  }
}

function localCopy(row: RecordRow, tools: SyncTools): LocalCopy {
  let record: VaultRecord | null = null;
  try {
    record = tools.openRecord(row.id, row.envelope);
  } catch (error) {
    if (isTesseraError(error, 'vault-locked')) throw error;
  }
  return { record, envelope: row.envelope, seq: row.seq, dirty: row.dirty === 1 };
}

/** The server echoing a row this device already holds as is: nothing to open or write. */
function isEcho(row: RecordRow | undefined, item: Incoming): boolean {
  return (
    row !== undefined &&
    row.dirty === 0 &&
    'envelope' in item &&
    row.seq === item.seq &&
    equalBytes(row.envelope, item.envelope)
  );
}

export async function applyIncoming(
  db: TesseraDb,
  items: readonly Incoming[],
  keys: Keys | null,
  cursor?: string,
): Promise<Applied> {
  const result: Applied = { ids: [], rollbacks: 0, deferred: 0, setAside: 0, trashed: 0, purged: 0 };
  await db.transaction('rw', [db.records, db.pending, db.quarantine, db.account, db.purges], async () => {
    const ids = items.map((item) => item.id);
    const rows = await db.records.bulkGet(ids);
    for (const [i, item] of items.entries()) {
      const row = rows[i];
      if (isEcho(row, item)) continue;
      const plan = keys
        ? planWithKeys(row, item, keys, result)
        : planLocked(row ? { envelope: row.envelope, seq: row.seq, dirty: row.dirty === 1 } : null, lockedRemote(item));
      const changed = await execute(db, item.id, plan, keys);
      if (changed) result.ids.push(...changed);
      if (plan.action === 'defer') result.deferred++;
      if (plan.action === 'remove' || plan.action === 'rehome') result.purged++;
      if (plan.action === 'set-aside') result.setAside++;
      if (plan.action === 'trash') result.trashed++;
    }
    if (cursor !== undefined) await db.account.update('account', { cursor });
  });
  return result;
}

function lockedRemote(item: Incoming) {
  if ('absent' in item) return { kind: 'absent' as const };
  if ('deleted' in item)
    return item.proof === undefined
      ? { kind: 'deleted' as const, seq: item.seq }
      : { kind: 'purge' as const, seq: item.seq, proof: item.proof };
  return { kind: 'envelope' as const, seq: item.seq, envelope: item.envelope };
}

function planWithKeys(row: RecordRow | undefined, item: Incoming, keys: Keys, result: Applied): Plan {
  const remote = remoteCopy(item, keys.tools);
  if (remote.kind === 'record') {
    if (isRollback(remote.record, keys.revs.seen(item.id)?.rev)) result.rollbacks++;
    keys.revs.note(item.id, remote.record.rev, remote.seq);
  }
  const plan = planUnlocked(row ? localCopy(row, keys.tools) : null, remote);
  // The planner is pure; the new id of a copy kept from a purge is made here.
  return plan.action === 'rehome' ? { action: 'rehome', record: keys.tools.rehome(plan.record) } : plan;
}

/** Carries out one plan inside the caller's transaction; the ids of the rows it changed, or null. */
async function execute(
  db: TesseraDb,
  id: string,
  plan: Plan | LockedPlan,
  keys: Keys | null,
): Promise<string[] | null> {
  return (await executeOne(db, id, plan, keys)) ? [id, ...(plan.action === 'rehome' ? [plan.record.id] : [])] : null;
}

async function executeOne(db: TesseraDb, id: string, plan: Plan | LockedPlan, keys: Keys | null): Promise<boolean> {
  switch (plan.action) {
    case 'none':
      return false;
    case 'remove':
      await db.records.delete(id);
      await db.pending.delete(id);
      // Purged elsewhere: nothing is left for this device to purge.
      await db.purges.delete(id);
      return true;
    case 'rehome': {
      // execute() reports both ids; the caller gave the record its new id (tools.rehome).
      await db.records.delete(id);
      await db.pending.delete(id);
      await db.purges.delete(id);
      await db.records.put({ id: plan.record.id, envelope: keys!.tools.sealRecord(plan.record), seq: 0, dirty: 1 });
      return true;
    }
    case 'take':
      await db.records.put({ id, envelope: plan.envelope, seq: plan.seq, dirty: 0 });
      // A newer server copy supersedes one that was waiting for the unlock.
      await db.pending.delete(id);
      return true;
    case 'rebase':
      await db.records.update(id, { seq: plan.seq, dirty: plan.dirty ? 1 : 0 });
      // Whatever waited for the unlock is older than this server state, or was this very copy.
      await db.pending.delete(id);
      return false;
    case 'merge':
      await db.records.put({ id, envelope: keys!.tools.sealRecord(plan.record), seq: plan.seq, dirty: 1 });
      await db.pending.delete(id);
      return true;
    case 'trash':
      // Never removed on the server's word: the copy goes to Recently deleted, restorable.
      await db.records.put({
        id,
        envelope: keys!.tools.sealRecord(keys!.tools.trash(plan.record)),
        seq: plan.seq,
        dirty: 1,
      });
      await db.pending.delete(id);
      return true;
    case 'defer':
      await db.pending.put(
        plan.proof === undefined
          ? { id, seq: plan.seq, envelope: plan.envelope }
          : { id, seq: plan.seq, envelope: null, proof: plan.proof },
      );
      return false;
    case 'set-aside': {
      // Kept once: the same unreadable copy pulled again (a cursor reset) is not added twice.
      const kept = await db.quarantine.where('id').equals(id).toArray();
      if (!kept.some((row) => equalBytes(row.envelope, plan.envelope))) {
        await db.quarantine.add({
          id,
          envelope: plan.envelope,
          seq: plan.seq,
          dirty: 0,
          reason: plan.reason,
          at: Date.now(),
          fromServer: true,
        });
      }
      if (plan.then !== 'none') await db.records.update(id, { seq: plan.then.seq, dirty: plan.then.dirty ? 1 : 0 });
      await db.pending.delete(id);
      // True so the open vault re-reads its list of items set aside and says so.
      return true;
    }
  }
}

/**
 * Server copies that waited for the unlock (pulled while locked onto a local change): merged now,
 * in one transaction, and queued to push.
 */
export async function mergePending(db: TesseraDb, keys: Keys): Promise<Applied> {
  const pending = await db.pending.toArray();
  if (pending.length === 0) return { ids: [], rollbacks: 0, deferred: 0, setAside: 0, trashed: 0, purged: 0 };
  return applyIncoming(
    db,
    pending.map((row) => {
      if (row.envelope) return { id: row.id, seq: row.seq, envelope: row.envelope };
      return row.proof
        ? { id: row.id, seq: row.seq, deleted: true as const, proof: row.proof }
        : { id: row.id, seq: row.seq, deleted: true as const };
    }),
    keys,
  );
}

/**
 * After an unlock: rows replaced while the vault was locked (their seq moved past the one noted
 * with their rev) are opened to check that their rev did not go down. A locked device cannot
 * repair such a rollback (it took the server's copy unopened); it can say so.
 */
export async function checkLockedRollbacks(db: TesseraDb, keys: Keys): Promise<number> {
  let rollbacks = 0;
  await db.records.each((row) => {
    const seen = keys.revs.seen(row.id);
    if (!seen || row.seq <= seen.seq || row.dirty === 1) return;
    try {
      const record = keys.tools.openRecord(row.id, row.envelope);
      if (isRollback(record, seen.rev)) rollbacks++;
      keys.revs.note(row.id, record.rev, row.seq);
    } catch (error) {
      if (isTesseraError(error, 'vault-locked')) throw error;
    }
  });
  return rollbacks;
}

/**
 * A push was applied: each row gets its new seq and leaves the outbox, unless it changed since
 * it was read for the push (a local edit made meanwhile, which builds on what was pushed and
 * stays queued on the new seq).
 */
export async function applyAcks(
  db: TesseraDb,
  sent: ReadonlyMap<string, Uint8Array>,
  applied: readonly { id: string; seq: number }[],
  keys: Keys | null,
): Promise<void> {
  await db.transaction('rw', db.records, db.purges, async () => {
    const rows = await db.records.bulkGet(applied.map((a) => a.id));
    for (const [i, ack] of applied.entries()) {
      const row = rows[i];
      const envelope = sent.get(ack.id);
      // Purged here while this push was on its way: the server now holds it at this seq, which is
      // what the purge must name (a purge queued at seq 0 would otherwise be dropped).
      if (!row && envelope) await db.purges.where('id').equals(ack.id).modify({ seq: ack.seq, envelope });
      if (!row || !envelope) continue;
      const unchanged = equalBytes(row.envelope, envelope);
      await db.records.update(ack.id, unchanged ? { seq: ack.seq, dirty: 0 } : { seq: ack.seq });
      if (keys) {
        try {
          keys.revs.note(ack.id, keys.tools.openRecord(ack.id, envelope).rev, ack.seq);
        } catch (error) {
          if (isTesseraError(error, 'vault-locked')) throw error;
        }
      }
    }
  });
}
