import { describe, expect, it } from 'vitest';
import { DAY_MS, type DrillRecord } from '../src/lib/restore-drill.ts';
import { safetyFacts, settingsLabel, type FactKey, type SafetyInput } from '../src/lib/safety.ts';

// "Safe at a glance": which of the six facts need attention, from the services' state, and the
// words the panel and the badge use.

const NOW = Date.UTC(2026, 11, 7, 12);
const passed: DrillRecord = { at: NOW - DAY_MS, ok: true, codes: 3, records: 3, file: 'f', failure: null };

/** A vault with nothing to worry about: sync off, everything else done. */
function calm(over: Partial<SafetyInput> = {}): SafetyInput {
  return {
    now: NOW,
    sync: { kind: 'off', lastSyncedAt: null },
    backup: { lastAt: NOW - 60_000, unbacked: 0, unsaved: 0, paused: null, problem: null },
    drill: { last: passed, due: false },
    recovery: { createdAt: NOW - 10 * DAY_MS, verifiedAt: NOW - 9 * DAY_MS },
    storage: 'persistent',
    ...over,
  };
}

const needing = (input: SafetyInput): FactKey[] =>
  safetyFacts(input)
    .filter((fact) => fact.attention)
    .map((fact) => fact.key);
const fact = (input: SafetyInput, key: FactKey) => safetyFacts(input).find((f) => f.key === key)!;

describe('safetyFacts', () => {
  it('lists the six facts, and nothing needs attention when all is done', () => {
    expect(safetyFacts(calm()).map((f) => f.key)).toEqual([
      'sync',
      'backup',
      'unbacked',
      'drill',
      'recovery',
      'storage',
    ]);
    expect(needing(calm())).toEqual([]);
  });

  it('says sync off plainly, as a choice, with a way to turn it on', () => {
    const sync = fact(calm(), 'sync');
    expect(sync).toMatchObject({ attention: false, action: { kind: 'turn-on-sync', label: 'Turn on sync' } });
    expect(sync.state).toMatch(/^Off: this vault is only on this device/);
  });

  it('flags sync that failed, signed out, or silent for over a week', () => {
    expect(needing(calm({ sync: { kind: 'error', lastSyncedAt: NOW - 3_600_000 } }))).toEqual(['sync']);
    expect(fact(calm({ sync: { kind: 'error', lastSyncedAt: NOW - 3_600_000 } }), 'sync').state).toBe(
      'The last sync failed (last synced 1 hour ago).',
    );
    expect(needing(calm({ sync: { kind: 'signed-out', lastSyncedAt: null } }))).toEqual(['sync']);
    expect(needing(calm({ sync: { kind: 'idle', lastSyncedAt: NOW - 8 * DAY_MS } }))).toEqual(['sync']);
    expect(needing(calm({ sync: { kind: 'idle', lastSyncedAt: NOW - 6 * DAY_MS } }))).toEqual([]);
    expect(needing(calm({ sync: { kind: 'offline', lastSyncedAt: NOW - DAY_MS } }))).toEqual([]);
  });

  it('flags no backup, a failed write, and changes waiting over a day', () => {
    const none = calm({ backup: { lastAt: null, unbacked: 2, unsaved: 2, paused: null, problem: null } });
    expect(needing(none)).toEqual(['backup', 'unbacked']);
    expect(fact(none, 'backup').action).toEqual({ kind: 'write-backup', label: 'Write a backup now' });
    const failing = calm({
      backup: { lastAt: NOW - 60_000, unbacked: 0, unsaved: 0, paused: null, problem: 'The disk is full.' },
    });
    expect(needing(failing)).toEqual(['backup']);
    // Changes within the day are on their way to the next backup: no alarm.
    const fresh = calm({ backup: { lastAt: NOW - 3_600_000, unbacked: 3, unsaved: 3, paused: null, problem: null } });
    expect(needing(fresh)).toEqual([]);
    expect(fact(fresh, 'unbacked').state).toBe(
      '3 changes not in the latest backup. 3 changes not in a copy saved off this device.',
    );
    const stale = calm({ backup: { lastAt: NOW - 2 * DAY_MS, unbacked: 1, unsaved: 1, paused: null, problem: null } });
    expect(needing(stale)).toEqual(['unbacked']);
  });

  it('flags a restore test that is due or failed, and offers it', () => {
    expect(needing(calm({ drill: { last: passed, due: true } }))).toEqual(['drill']);
    const failed = calm({ drill: { last: { ...passed, ok: false, failure: 'wrong-password' }, due: true } });
    expect(needing(failed)).toEqual(['drill']);
    expect(fact(failed, 'drill').state).toMatch(/failed: the password did not open the backup/);
    expect(fact(calm(), 'drill')).toMatchObject({ action: { kind: 'test-restore' } });
    expect(fact(calm(), 'drill').state).toMatch(/^Restore tested on .+: 3 codes open\.$/);
    // Never tested but not yet due (a new vault): said, not flagged.
    expect(needing(calm({ drill: { last: null, due: false } }))).toEqual([]);
  });

  it('flags no recovery key, and one never checked', () => {
    const none = calm({ recovery: null });
    expect(needing(none)).toEqual(['recovery']);
    expect(fact(none, 'recovery').action).toEqual({ kind: 'make-recovery-key', label: 'Make a recovery key' });
    const unchecked = calm({ recovery: { createdAt: NOW, verifiedAt: null } });
    expect(needing(unchecked)).toEqual(['recovery']);
    expect(fact(unchecked, 'recovery').action?.kind).toBe('check-recovery-key');
  });

  it('flags storage the browser may clear, not a browser that does not say', () => {
    expect(needing(calm({ storage: 'best-effort' }))).toEqual(['storage']);
    expect(needing(calm({ storage: 'unsupported' }))).toEqual([]);
    expect(needing(calm({ storage: null }))).toEqual([]);
  });
});

describe('settingsLabel', () => {
  it('names the count for screen readers', () => {
    expect(settingsLabel(0)).toBe('Settings');
    expect(settingsLabel(1)).toBe('Settings, 1 thing needs attention');
    expect(settingsLabel(2)).toBe('Settings, 2 things need attention');
  });
});
