import { equalBytes } from '@tessera/core/crypto/bytes';
import { encodeRecord } from '@tessera/core/vault/codec';
import { mergeRecords } from '@tessera/core/vault/merge';
import type { VaultRecord } from '@tessera/core/vault/record';

// What to do with one item the server sent (a pulled change, or the current item returned with
// a push conflict), given this device's copy. Pure: the engine reads the rows, decrypts, asks
// here, and writes what the plan says in one transaction. The rules (docs/web-sync.md):
//
// - No local change waiting: the server's copy is taken, unless merging shows the server's copy
//   lacks something this device already had (a rolled-back item), which is then pushed back.
// - A local change waiting: the two copies are merged field by field (@tessera/core/vault/merge)
//   and the merge is queued on top of the server's seq, so the next push succeeds.
// - A server tombstone (the item removed for good): never taken on the server's word. The local
//   copy goes to Recently deleted (restorable) and is pushed back that way; one with a local
//   change is kept as it is and brings the item back on the next push. The app itself never
//   removes an item for good, so a tombstone can only come from a stolen session or a hostile
//   server (docs/web-sync.md, "A hostile server").
// - A purge (a removal that carries a proof, docs/vault-format.md "Deletion proof"): taken only
//   when the proof is this item's deletion secret under this device's own vault key. Then the
//   copy here is removed, unless it holds a local change that is not a deletion (a restore or an
//   edit made here since), which is kept under a new id so nothing typed here is lost. A proof
//   that does not verify is any other tombstone: the copy goes to Recently deleted, pushed back.
// - A server copy that does not open: it is set aside (kept, never applied) and this device's
//   copy stays.
// - Locked: nothing can be opened, so a server copy or tombstone for an item this device holds
//   waits in `pending` and the choice above is made at the unlock; the last good copy stays.

export interface LocalCopy {
  /** The row's record; null when the row holds an envelope that does not open. */
  record: VaultRecord | null;
  envelope: Uint8Array;
  seq: number;
  dirty: boolean;
}

export type RemoteCopy =
  | { kind: 'record'; seq: number; record: VaultRecord; envelope: Uint8Array }
  | { kind: 'deleted'; seq: number }
  /** A purge marker; `verified`: its proof is this item's deletion secret under this vault key. */
  | { kind: 'purged'; seq: number; verified: boolean }
  /** A push conflict whose `current` is null: the server never had the item. */
  | { kind: 'absent' }
  | { kind: 'unreadable'; seq: number; envelope: Uint8Array; reason: string };

export type Plan =
  /** Nothing to write. */
  | { action: 'none' }
  /** Store the server's envelope as is, clean. */
  | { action: 'take'; seq: number; envelope: Uint8Array }
  /** Keep this device's envelope; only its base seq (and the outbox flag) change. */
  | { action: 'rebase'; seq: number; dirty: boolean }
  /** Seal `record` and queue it on top of `seq`. */
  | { action: 'merge'; seq: number; record: VaultRecord }
  /** Remove this device's copy for good (a verified purge). */
  | { action: 'remove' }
  /** Remove the row and keep `record` under a new id, queued as a new item. */
  | { action: 'rehome'; record: VaultRecord }
  /** Move this device's copy to Recently deleted (stamped now) and queue it on top of `seq`. */
  | { action: 'trash'; seq: number; record: VaultRecord }
  /** Keep the server's envelope aside (quarantine); then apply `then` to the row. */
  | {
      action: 'set-aside';
      seq: number;
      envelope: Uint8Array;
      reason: string;
      then: 'none' | { seq: number; dirty: boolean };
    };

export function planUnlocked(local: LocalCopy | null, remote: RemoteCopy): Plan {
  switch (remote.kind) {
    case 'absent':
      return local ? { action: 'rebase', seq: 0, dirty: true } : { action: 'none' };
    case 'purged':
      if (!local) return { action: 'none' };
      if (remote.verified) {
        if (local.dirty && local.record !== null && !local.record.deleted.value)
          return { action: 'rehome', record: local.record };
        return { action: 'remove' };
      }
      return planUnlocked(local, { kind: 'deleted', seq: remote.seq });
    case 'deleted':
      if (!local) return { action: 'none' };
      if (local.dirty) return { action: 'rebase', seq: remote.seq, dirty: true };
      // A row that does not open is left as it is (its unlock sets it aside): nothing is lost.
      return local.record ? { action: 'trash', seq: remote.seq, record: local.record } : { action: 'none' };
    case 'unreadable':
      return {
        action: 'set-aside',
        seq: remote.seq,
        envelope: remote.envelope,
        reason: remote.reason,
        then: local ? { seq: remote.seq, dirty: local.dirty } : 'none',
      };
    case 'record': {
      if (!local) return { action: 'take', seq: remote.seq, envelope: remote.envelope };
      // The server echoing what this device already holds (its own push, pulled back).
      if (!local.dirty && local.seq === remote.seq && equalBytes(local.envelope, remote.envelope))
        return { action: 'none' };
      if (local.record === null) return { action: 'take', seq: remote.seq, envelope: remote.envelope };
      const merged = mergeRecords(local.record, remote.record);
      const bytes = encodeRecord(merged);
      if (equalBytes(bytes, encodeRecord(remote.record)))
        return { action: 'take', seq: remote.seq, envelope: remote.envelope };
      // This device's copy already holds everything: queue it again on the server's seq.
      if (equalBytes(bytes, encodeRecord(local.record))) return { action: 'rebase', seq: remote.seq, dirty: true };
      return { action: 'merge', seq: remote.seq, record: merged };
    }
  }
}

export type LockedPlan =
  | Extract<Plan, { action: 'none' } | { action: 'take' } | { action: 'rebase' }>
  /** Keep the server's copy (null: its tombstone; with `proof`, a purge) in the pending table until the unlock. */
  | { action: 'defer'; seq: number; envelope: Uint8Array | null; proof?: Uint8Array };

/**
 * Without the vault key nothing can be opened, so nothing this device holds is replaced: a
 * server copy or tombstone of an item it has waits for the unlock (which opens, checks and
 * merges it); only an item it does not have at all is stored as it came.
 */
export function planLocked(
  local: Omit<LocalCopy, 'record'> | null,
  remote:
    | Exclude<RemoteCopy, { kind: 'unreadable' } | { kind: 'purged' }>
    | { kind: 'envelope'; seq: number; envelope: Uint8Array }
    | { kind: 'purge'; seq: number; proof: Uint8Array },
): LockedPlan {
  switch (remote.kind) {
    // A purge is checked against the vault key, so a locked device parks it, whatever its copy.
    case 'purge':
      return local ? { action: 'defer', seq: remote.seq, envelope: null, proof: remote.proof } : { action: 'none' };
    case 'absent':
      return local ? { action: 'rebase', seq: 0, dirty: true } : { action: 'none' };
    case 'deleted':
      if (!local) return { action: 'none' };
      return local.dirty
        ? { action: 'rebase', seq: remote.seq, dirty: true }
        : { action: 'defer', seq: remote.seq, envelope: null };
    case 'record':
    case 'envelope':
      if (!local) return { action: 'take', seq: remote.seq, envelope: remote.envelope };
      if (!local.dirty && local.seq === remote.seq && equalBytes(local.envelope, remote.envelope))
        return { action: 'none' };
      return { action: 'defer', seq: remote.seq, envelope: remote.envelope };
  }
}

/**
 * A rollback: the server handed back a copy of an item older than one this device has already
 * seen (docs/core/vault.md §3, rev). Merging still keeps the newer fields; this only says so.
 */
export function isRollback(remote: VaultRecord, highestSeenRev: number | undefined): boolean {
  return highestSeenRev !== undefined && remote.rev < highestSeenRev;
}
