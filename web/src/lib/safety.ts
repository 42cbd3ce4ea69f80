import { DAY_MS, describeDrill, drillDate, plural, type DrillRecord } from './restore-drill.ts';

// "Safe at a glance" (docs/web.md): the six facts that say whether this vault would survive a
// lost device or a forgotten password, each in words, with what needs attention. Pure: the
// services' state goes in, words come out; unit-tested in Node.

export type FactKey = 'sync' | 'backup' | 'unbacked' | 'drill' | 'recovery' | 'storage';

/** What a fact's button does; the screen maps each to a service call or a place in Settings. */
export type FactAction =
  | 'turn-on-sync'
  | 'open-sync'
  | 'write-backup'
  | 'save-copy'
  | 'test-restore'
  | 'make-recovery-key'
  | 'check-recovery-key'
  | 'ask-storage';

export interface Fact {
  key: FactKey;
  /** What the fact is about: "Sync", "Last backup", ... */
  title: string;
  /** Its state, in words. */
  state: string;
  attention: boolean;
  action: { kind: FactAction; label: string } | null;
}

export interface SafetyInput {
  now: number;
  sync: {
    /** The engine's state kind (services/sync/status.ts). */
    kind: 'off' | 'signed-out' | 'syncing' | 'idle' | 'offline' | 'erasing' | 'error';
    lastSyncedAt: number | null;
  };
  backup: {
    lastAt: number | null;
    /** Records changed since the last backup. */
    unbacked: number;
    /** Changes not in a copy saved off this device. */
    unsaved: number;
    /** Why backups are not written now (not while merely locked), or null. */
    paused: string | null;
    /** The last write failed, in words, or null. */
    problem: string | null;
  };
  drill: { last: DrillRecord | null; due: boolean };
  recovery: { createdAt: number; verifiedAt: number | null } | null;
  /** `navigator.storage.persisted()` in words; null while it is being asked. */
  storage: 'persistent' | 'best-effort' | 'unsupported' | null;
}

/** Sync on but silent this long is worth a look: another device's changes are not arriving. */
export const SYNC_STALE_MS = 7 * DAY_MS;

function ago(ms: number, now: number): string {
  const days = Math.floor((now - ms) / DAY_MS);
  if (days >= 1) return `${plural(days, 'day')} ago`;
  const hours = Math.floor((now - ms) / 3_600_000);
  if (hours >= 1) return `${plural(hours, 'hour')} ago`;
  const minutes = Math.floor((now - ms) / 60_000);
  return minutes >= 1 ? `${plural(minutes, 'minute')} ago` : 'just now';
}

function syncFact({ sync, now }: SafetyInput): Fact {
  const base = { key: 'sync' as const, title: 'Sync' };
  const last = sync.lastSyncedAt === null ? 'never synced yet' : `last synced ${ago(sync.lastSyncedAt, now)}`;
  const stale = sync.lastSyncedAt === null || now - sync.lastSyncedAt > SYNC_STALE_MS;
  switch (sync.kind) {
    case 'off':
      // A legitimate choice: said plainly, never an alarm.
      return {
        ...base,
        state: 'Off: this vault is only on this device, and its backups keep it.',
        attention: false,
        action: { kind: 'turn-on-sync', label: 'Turn on sync' },
      };
    case 'signed-out':
      return {
        ...base,
        state: `Signed out: changes are not synced (${last}).`,
        attention: true,
        action: { kind: 'open-sync', label: 'Sign in' },
      };
    case 'error':
      return {
        ...base,
        state: `The last sync failed (${last}).`,
        attention: true,
        action: { kind: 'open-sync', label: 'Open Account & sync' },
      };
    case 'erasing':
      return { ...base, state: 'This device is being erased.', attention: false, action: null };
    case 'offline':
      return {
        ...base,
        state: `Offline: ${last}.`,
        attention: stale,
        action: stale ? { kind: 'open-sync', label: 'Open Account & sync' } : null,
      };
    default:
      return {
        ...base,
        state: `On: ${last}.`,
        attention: stale && sync.kind === 'idle',
        action: stale && sync.kind === 'idle' ? { kind: 'open-sync', label: 'Open Account & sync' } : null,
      };
  }
}

function backupFact({ backup, now }: SafetyInput): Fact {
  const base = { key: 'backup' as const, title: 'Last backup' };
  if (backup.problem) {
    return { ...base, state: backup.problem, attention: true, action: { kind: 'write-backup', label: 'Try again' } };
  }
  if (backup.lastAt === null) {
    return {
      ...base,
      state: backup.paused ?? 'No automatic backup yet.',
      attention: true,
      action: backup.paused ? null : { kind: 'write-backup', label: 'Write a backup now' },
    };
  }
  const state = `${drillDate(backup.lastAt)} (${ago(backup.lastAt, now)}).`;
  // Paused after a passkey unlock or a password change: the next unlock with the password resumes.
  if (backup.paused)
    return { ...base, state: `${state} ${backup.paused}`, attention: backup.unbacked > 0, action: null };
  return { ...base, state, attention: false, action: null };
}

function unbackedFact({ backup, now }: SafetyInput): Fact {
  const base = { key: 'unbacked' as const, title: 'Changes not backed up' };
  // A backup follows each change within seconds: changes waiting more than a day mean they stopped.
  const late = backup.unbacked > 0 && (backup.lastAt === null || now - backup.lastAt > DAY_MS);
  const offDevice =
    backup.unsaved === 0
      ? 'Every change is in a copy saved off this device.'
      : `${plural(backup.unsaved, 'change')} not in a copy saved off this device.`;
  return {
    ...base,
    state:
      backup.unbacked === 0
        ? `None: the latest backup has every change. ${offDevice}`
        : `${plural(backup.unbacked, 'change')} not in the latest backup. ${offDevice}`,
    attention: late,
    action: late
      ? { kind: 'write-backup', label: 'Write a backup now' }
      : backup.unsaved > 0 && backup.lastAt !== null
        ? { kind: 'save-copy', label: 'Save a copy' }
        : null,
  };
}

function drillFact({ drill }: SafetyInput): Fact {
  const failed = drill.last !== null && !drill.last.ok;
  return {
    key: 'drill',
    title: 'Last verified restore',
    state: drill.due && !failed ? `${describeDrill(drill.last)} A test is due.` : describeDrill(drill.last),
    attention: failed || drill.due,
    action: { kind: 'test-restore', label: 'Test a restore' },
  };
}

function recoveryFact({ recovery }: SafetyInput): Fact {
  const base = { key: 'recovery' as const, title: 'Recovery key' };
  if (!recovery)
    return {
      ...base,
      state: 'None: if you forget the master password, nothing can open this vault.',
      attention: true,
      action: { kind: 'make-recovery-key', label: 'Make a recovery key' },
    };
  if (recovery.verifiedAt === null)
    return {
      ...base,
      state: `Made ${drillDate(recovery.createdAt)}, never checked: type it back once to be sure your copy is right.`,
      attention: true,
      action: { kind: 'check-recovery-key', label: 'Check the recovery key' },
    };
  return {
    ...base,
    state: `Made ${drillDate(recovery.createdAt)}, checked ${drillDate(recovery.verifiedAt)}.`,
    attention: false,
    action: null,
  };
}

function storageFact({ storage }: SafetyInput): Fact {
  const base = { key: 'storage' as const, title: 'Storage that survives' };
  switch (storage) {
    case 'persistent':
      return {
        ...base,
        state: 'Granted: the browser will not clear this vault on its own.',
        attention: false,
        action: null,
      };
    case 'best-effort':
      return {
        ...base,
        state: 'Not granted: the browser may clear this vault when space runs low.',
        attention: true,
        action: { kind: 'ask-storage', label: 'Ask the browser again' },
      };
    case 'unsupported':
      // Nothing the user can do here: not worth a badge.
      return {
        ...base,
        state: 'This browser does not say whether it keeps this vault.',
        attention: false,
        action: null,
      };
    default:
      return { ...base, state: 'Checking…', attention: false, action: null };
  }
}

/** The six facts, in the order the panel lists them. */
export function safetyFacts(input: SafetyInput): Fact[] {
  return [
    syncFact(input),
    backupFact(input),
    unbackedFact(input),
    drillFact(input),
    recoveryFact(input),
    storageFact(input),
  ];
}

/** The accessible name of the Settings button: "Settings, 2 things need attention". */
export function settingsLabel(attention: number): string {
  if (attention === 0) return 'Settings';
  return `Settings, ${attention === 1 ? '1 thing needs' : `${attention} things need`} attention`;
}
