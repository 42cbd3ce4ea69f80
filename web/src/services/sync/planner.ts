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
// - A server tombstone (the item was removed for good elsewhere): the row goes, unless it holds
//   a local change, which is kept and brings the item back on the next push.
// - A server copy that does not open: it is set aside (kept, never applied) and this device's
//   copy stays.

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
  /** Remove the row: deleted for good on the server, and nothing here to keep. */
  | { action: 'remove' }
  /** Keep the server's envelope aside (quarantine); then apply `then` to the row. */
  | { action: 'set-aside'; seq: number; envelope: Uint8Array; reason: string; then: 'none' | { seq: number; dirty: boolean } };

export function planUnlocked(local: LocalCopy | null, remote: RemoteCopy): Plan {
  switch (remote.kind) {
    case 'absent':
      return local ? { action: 'rebase', seq: 0, dirty: true } : { action: 'none' };
    case 'deleted':
      if (!local) return { action: 'none' };
      return local.dirty ? { action: 'rebase', seq: remote.seq, dirty: true } : { action: 'remove' };
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
      if (!local.dirty && local.seq === remote.seq && equalBytes(local.envelope, remote.envelope)) return { action: 'none' };
      if (local.record === null) return { action: 'take', seq: remote.seq, envelope: remote.envelope };
      const merged = mergeRecords(local.record, remote.record);
      const bytes = encodeRecord(merged);
      if (equalBytes(bytes, encodeRecord(remote.record))) return { action: 'take', seq: remote.seq, envelope: remote.envelope };
      // This device's copy already holds everything: queue it again on the server's seq.
      if (equalBytes(bytes, encodeRecord(local.record))) return { action: 'rebase', seq: remote.seq, dirty: true };
      return { action: 'merge', seq: remote.seq, record: merged };
    }
  }
}

export type LockedPlan =
  | Exclude<Plan, { action: 'merge' } | { action: 'set-aside' }>
  /** Keep the server's copy in the pending table until the vault is unlocked. */
  | { action: 'defer'; seq: number; envelope: Uint8Array };

/**
 * Without the vault key nothing can be opened: a server copy of an item with no local change
 * simply replaces the stored envelope; one that meets a local change waits for the unlock.
 */
export function planLocked(local: Omit<LocalCopy, 'record'> | null, remote: Exclude<RemoteCopy, { kind: 'unreadable' }> | { kind: 'envelope'; seq: number; envelope: Uint8Array }): LockedPlan {
  switch (remote.kind) {
    case 'absent':
      return local ? { action: 'rebase', seq: 0, dirty: true } : { action: 'none' };
    case 'deleted':
      if (!local) return { action: 'none' };
      return local.dirty ? { action: 'rebase', seq: remote.seq, dirty: true } : { action: 'remove' };
    case 'record':
    case 'envelope':
      if (!local) return { action: 'take', seq: remote.seq, envelope: remote.envelope };
      if (!local.dirty && local.seq === remote.seq && equalBytes(local.envelope, remote.envelope)) return { action: 'none' };
      return local.dirty ? { action: 'defer', seq: remote.seq, envelope: remote.envelope } : { action: 'take', seq: remote.seq, envelope: remote.envelope };
  }
}

/**
 * A rollback: the server handed back a copy of an item older than one this device has already
 * seen (docs/core/vault.md §3, rev). Merging still keeps the newer fields; this only says so.
 */
export function isRollback(remote: VaultRecord, highestSeenRev: number | undefined): boolean {
  return highestSeenRev !== undefined && remote.rev < highestSeenRev;
}
