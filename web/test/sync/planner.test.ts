import { describe, expect, it } from 'vitest';
import { sealItem } from '@tessera/core/crypto/item';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import { decodeRecord, encodeRecord } from '@tessera/core/vault/codec';
import { createRecord, deleteRecord, updateRecord } from '@tessera/core/vault/edit';
import { HybridClock } from '@tessera/core/vault/hlc';
import type { VaultRecord } from '@tessera/core/vault/record';
import {
  isRollback,
  planLocked,
  planUnlocked,
  type LocalCopy,
  type RemoteCopy,
} from '../../src/services/sync/planner.ts';

// Two devices with their own clocks, as in the app: A and B edit copies of one record.
const vaultKey = randomBytes(32);
const vaultId = randomId();
let now = Date.UTC(2026, 10, 22, 12, 0, 0);
const tick = () => (now += 1_000);
const deviceA = new HybridClock('deviceAAAAAAAAAAAAAAAAA', tick);
const deviceB = new HybridClock('deviceBBBBBBBBBBBBBBBBB', tick);

const seal = (record: VaultRecord) => sealItem(vaultKey, vaultId, record.id, encodeRecord(record));
const local = (record: VaultRecord, seq: number, dirty: boolean, envelope = seal(record)): LocalCopy => ({
  record,
  envelope,
  seq,
  dirty,
});
const remote = (record: VaultRecord, seq: number, envelope = seal(record)): RemoteCopy => ({
  kind: 'record',
  seq,
  record,
  envelope,
});
const same = (a: VaultRecord, b: VaultRecord) => expect(encodeRecord(a)).toEqual(encodeRecord(b));

function base() {
  return createRecord({ title: 'GitHub', username: 'ada', password: 'old password', notes: '' }, deviceA);
}

describe('planUnlocked: no local change waiting', () => {
  it('takes an item this device does not have', () => {
    const record = base();
    const copy = remote(record, 4);
    expect(planUnlocked(null, copy)).toEqual({
      action: 'take',
      seq: 4,
      envelope: (copy as { envelope: Uint8Array }).envelope,
    });
  });

  it('does nothing when the server echoes what the row holds', () => {
    const record = base();
    const envelope = seal(record);
    expect(planUnlocked(local(record, 7, false, envelope), remote(record, 7, envelope))).toEqual({ action: 'none' });
  });

  it('takes a newer server copy as is', () => {
    const record = base();
    const edited = updateRecord(record, { notes: 'from B' }, deviceB);
    const copy = remote(edited, 9);
    expect(planUnlocked(local(record, 4, false), copy)).toMatchObject({ action: 'take', seq: 9 });
  });

  it('keeps and pushes back its own newer copy when the server rolled the item back', () => {
    const older = base();
    const newer = updateRecord(older, { password: 'new password' }, deviceA);
    expect(planUnlocked(local(newer, 9, false), remote(older, 11))).toEqual({ action: 'rebase', seq: 11, dirty: true });
    expect(isRollback(older, newer.rev)).toBe(true);
    expect(isRollback(newer, older.rev)).toBe(false);
    expect(isRollback(older, undefined)).toBe(false);
  });

  it('replaces a row that does not open with the server copy', () => {
    const record = base();
    expect(
      planUnlocked({ record: null, envelope: randomBytes(80), seq: 3, dirty: false }, remote(record, 5)),
    ).toMatchObject({ action: 'take', seq: 5 });
  });
});

describe('planUnlocked: a local change waiting', () => {
  it('merges edits of different fields: both survive, queued on the server seq', () => {
    const record = base();
    const mine = updateRecord(record, { password: 'changed on A' }, deviceA);
    const theirs = updateRecord(record, { notes: 'written on B' }, deviceB);
    const plan = planUnlocked(local(mine, 4, true), remote(theirs, 12));
    expect(plan.action).toBe('merge');
    if (plan.action !== 'merge') return;
    expect(plan.seq).toBe(12);
    expect(plan.record.password.value).toBe('changed on A');
    expect(plan.record.notes.value).toBe('written on B');
    expect(plan.record.title.value).toBe('GitHub');
    expect(plan.record.rev).toBe(Math.max(mine.rev, theirs.rev));
  });

  it('gives the same merge on either device', () => {
    const record = base();
    const mine = updateRecord(record, { password: 'changed on A' }, deviceA);
    const theirs = updateRecord(record, { notes: 'written on B' }, deviceB);
    const onA = planUnlocked(local(mine, 4, true), remote(theirs, 12));
    const onB = planUnlocked(local(theirs, 4, true), remote(mine, 12));
    if (onA.action !== 'merge' || onB.action !== 'merge') throw new Error('expected merges');
    same(onA.record, onB.record);
  });

  it('lets the later write of one field win, and changes nothing else', () => {
    const record = base();
    const first = updateRecord(record, { title: 'GitHub (work)' }, deviceA);
    const later = updateRecord(record, { title: 'GitHub personal' }, deviceB);
    // Device A holds the earlier title: the server's later one is taken whole.
    expect(planUnlocked(local(first, 4, true), remote(later, 12))).toMatchObject({ action: 'take', seq: 12 });
    // Device B holds the later title: its copy already has the answer, pushed on the new seq.
    expect(planUnlocked(local(later, 4, true), remote(first, 12))).toEqual({ action: 'rebase', seq: 12, dirty: true });
  });

  it('keeps a delete and a concurrent edit: deleted, with the edit, restorable', () => {
    const record = base();
    const deleted = deleteRecord(record, deviceA);
    const edited = updateRecord(record, { notes: 'edited while it was deleted' }, deviceB);
    const plan = planUnlocked(local(edited, 4, true), remote(deleted, 12));
    if (plan.action !== 'merge') throw new Error(`expected a merge, got ${plan.action}`);
    expect(plan.record.deleted.value).toBe(true);
    expect(plan.record.notes.value).toBe('edited while it was deleted');
    // The merge round-trips through the codec like any record.
    same(decodeRecord(encodeRecord(plan.record)), plan.record);
  });

  it('rebases when its copy already holds the server copy', () => {
    const record = base();
    const mine = updateRecord(record, { notes: 'more' }, deviceA);
    expect(planUnlocked(local(mine, 4, true), remote(record, 4))).toEqual({ action: 'rebase', seq: 4, dirty: true });
  });
});

describe('planUnlocked: tombstones, missing and unreadable server copies', () => {
  it('never removes a row on a server tombstone: a clean one goes to Recently deleted, a changed one comes back', () => {
    const record = base();
    expect(planUnlocked(null, { kind: 'deleted', seq: 20 })).toEqual({ action: 'none' });
    expect(planUnlocked(local(record, 4, false), { kind: 'deleted', seq: 20 })).toEqual({
      action: 'trash',
      seq: 20,
      record,
    });
    expect(planUnlocked(local(record, 4, true), { kind: 'deleted', seq: 20 })).toEqual({
      action: 'rebase',
      seq: 20,
      dirty: true,
    });
    // A row that does not open stays as it is (the unlock sets it aside).
    expect(
      planUnlocked({ record: null, envelope: randomBytes(80), seq: 4, dirty: false }, { kind: 'deleted', seq: 20 }),
    ).toEqual({ action: 'none' });
  });

  it('has no plan that removes a row, whatever the server sends', () => {
    const record = base();
    const remotes: RemoteCopy[] = [
      { kind: 'deleted', seq: 20 },
      { kind: 'absent' },
      { kind: 'unreadable', seq: 21, envelope: randomBytes(300), reason: 'corrupt-item' },
      remote(updateRecord(record, { notes: 'x' }, deviceB), 22),
      remote(record, 23, randomBytes(300)),
    ];
    for (const dirty of [false, true]) {
      for (const copy of remotes) expect(planUnlocked(local(record, 4, dirty), copy).action).not.toBe('remove');
    }
  });

  it('pushes again as new an item the server never had', () => {
    expect(planUnlocked(local(base(), 8, true), { kind: 'absent' })).toEqual({ action: 'rebase', seq: 0, dirty: true });
  });

  it('sets aside a server copy that does not open and keeps its own', () => {
    const envelope = randomBytes(300);
    const unreadable: RemoteCopy = { kind: 'unreadable', seq: 30, envelope, reason: 'corrupt-item' };
    expect(planUnlocked(null, unreadable)).toEqual({
      action: 'set-aside',
      seq: 30,
      envelope,
      reason: 'corrupt-item',
      then: 'none',
    });
    expect(planUnlocked(local(base(), 4, true), unreadable)).toEqual({
      action: 'set-aside',
      seq: 30,
      envelope,
      reason: 'corrupt-item',
      then: { seq: 30, dirty: true },
    });
  });
});

describe('planLocked', () => {
  const envelope = randomBytes(297);
  const row = (seq: number, dirty: boolean, bytes = randomBytes(297)) => ({ envelope: bytes, seq, dirty });

  it('stores an item it does not have unopened, and never replaces one it has', () => {
    expect(planLocked(null, { kind: 'envelope', seq: 5, envelope })).toEqual({ action: 'take', seq: 5, envelope });
    expect(planLocked(row(5, false, envelope), { kind: 'envelope', seq: 5, envelope })).toEqual({ action: 'none' });
    // Its only good copy stays; the server's waits for the unlock, which opens and checks it.
    expect(planLocked(row(3, false), { kind: 'envelope', seq: 5, envelope })).toEqual({
      action: 'defer',
      seq: 5,
      envelope,
    });
  });

  it('keeps a server copy that meets a local change for the unlock', () => {
    expect(planLocked(row(3, true), { kind: 'envelope', seq: 5, envelope })).toEqual({
      action: 'defer',
      seq: 5,
      envelope,
    });
  });

  it('handles tombstones and missing items without the key, removing nothing', () => {
    expect(planLocked(row(3, false), { kind: 'deleted', seq: 6 })).toEqual({ action: 'defer', seq: 6, envelope: null });
    expect(planLocked(row(3, true), { kind: 'deleted', seq: 6 })).toEqual({ action: 'rebase', seq: 6, dirty: true });
    expect(planLocked(row(3, true), { kind: 'absent' })).toEqual({ action: 'rebase', seq: 0, dirty: true });
    expect(planLocked(null, { kind: 'deleted', seq: 6 })).toEqual({ action: 'none' });
  });
});

describe('purges (docs/vault-format.md, "Deletion proof")', () => {
  const purged = (seq: number, verified: boolean): RemoteCopy => ({ kind: 'purged', seq, verified });

  it('a verified purge removes a copy in Recently deleted, a clean live copy and one that does not open', () => {
    const trashed = deleteRecord(base(), deviceA);
    expect(planUnlocked(local(trashed, 3, false), purged(4, true))).toEqual({ action: 'remove' });
    expect(planUnlocked(local(trashed, 3, true), purged(4, true))).toEqual({ action: 'remove' });
    expect(planUnlocked(local(base(), 3, false), purged(4, true))).toEqual({ action: 'remove' });
    const unreadable: LocalCopy = { record: null, envelope: randomBytes(80), seq: 3, dirty: true };
    expect(planUnlocked(unreadable, purged(4, true))).toEqual({ action: 'remove' });
    expect(planUnlocked(null, purged(4, true))).toEqual({ action: 'none' });
  });

  it('keeps a live copy with a local change (restored or edited here) under a new id', () => {
    const restored = updateRecord(base(), { notes: 'edited offline' }, deviceB);
    expect(planUnlocked(local(restored, 3, true), purged(4, true))).toEqual({ action: 'rehome', record: restored });
  });

  it('a purge whose proof does not verify is any tombstone: the copy goes to Recently deleted', () => {
    const record = base();
    const plan = planUnlocked(local(record, 3, false), purged(4, false));
    expect(plan).toMatchObject({ action: 'trash', seq: 4 });
    expect(planUnlocked(local(record, 3, true), purged(4, false))).toEqual({ action: 'rebase', seq: 4, dirty: true });
  });

  it('locked: a purge of an item held here waits for the unlock with its proof, dirty or not', () => {
    const proof = randomBytes(32);
    const envelope = seal(base());
    for (const dirty of [false, true])
      expect(planLocked({ envelope, seq: 3, dirty }, { kind: 'purge', seq: 4, proof })).toEqual({
        action: 'defer',
        seq: 4,
        envelope: null,
        proof,
      });
    expect(planLocked(null, { kind: 'purge', seq: 4, proof })).toEqual({ action: 'none' });
  });
});
