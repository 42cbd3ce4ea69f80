// The restore drill's pure parts (docs/web.md, "Restore drill"): what the transfer worker hands
// back after opening a backup, how it compares with the open vault, when the next drill is due,
// and which kind of failure an error is. No browser, no secret: unit-tested in Node.

export const DAY_MS = 86_400_000;

/** One record of an opened backup, as the worker reports it: never a secret, a password or a note. */
export interface BackupEntry {
  id: string;
  /** The name a person knows it by (title, else issuer, else account). */
  label: string;
  hasCode: boolean;
  /** It read back whole (its OTP secret decodes, its fields are within the limits). */
  opened: boolean;
}

export interface BackupSummary {
  /** When the backup says it was written (unix ms), or null when it does not say. */
  exportedAt: number | null;
  entries: BackupEntry[];
}

/** What the comparison needs of a vault record (a RecordView has all of it). */
export interface VaultSide {
  id: string;
  label: string;
  hasCode: boolean;
  deleted: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface DrillComparison {
  /** Records of the backup that read back whole. */
  opened: number;
  /** Of those, the ones holding a code: the "N codes open" of the result. */
  codes: number;
  /** Records of the backup that did not read back. */
  failed: { id: string; label: string }[];
  /** Records in the vault (not in Recently deleted) that the backup lacks. */
  missing: { id: string; label: string; hasCode: boolean; afterBackup: boolean }[];
  /** Records in both that changed after the backup was written. */
  changedSince: number;
  /** Records in the backup that the vault no longer has, or has in Recently deleted. */
  extra: { id: string; label: string; inTrash: boolean }[];
}

/**
 * Compares an opened backup with the vault. `backupAt` is when the backup was written: a record
 * made or changed after it is expected to be missing or different, and is marked so.
 */
export function compareBackup(vault: readonly VaultSide[], backup: BackupSummary, backupAt: number): DrillComparison {
  const inVault = new Map(vault.map((record) => [record.id, record]));
  const inBackup = new Set(backup.entries.map((entry) => entry.id));
  const opened = backup.entries.filter((entry) => entry.opened);
  let changedSince = 0;
  const extra: DrillComparison['extra'] = [];
  for (const entry of backup.entries) {
    const record = inVault.get(entry.id);
    if (!record || record.deleted) extra.push({ id: entry.id, label: entry.label, inTrash: record?.deleted === true });
    else if (record.updatedAt > backupAt) changedSince += 1;
  }
  const missing = vault
    .filter((record) => !record.deleted && !inBackup.has(record.id))
    .map((record) => ({
      id: record.id,
      label: record.label,
      hasCode: record.hasCode,
      // Made after the backup here, or arrived by sync since it was written.
      afterBackup: record.createdAt > backupAt || record.updatedAt > backupAt,
    }));
  return {
    opened: opened.length,
    codes: opened.filter((entry) => entry.hasCode).length,
    failed: backup.entries.filter((entry) => !entry.opened).map(({ id, label }) => ({ id, label })),
    missing,
    changedSince,
    extra,
  };
}

/** A drill that passed: the result every later drill is measured from. */
export interface DrillRecord {
  /** When the drill ran (unix ms). */
  at: number;
  ok: boolean;
  /** Codes (records with an OTP) that opened; 0 for a failed drill. */
  codes: number;
  /** Records that opened; 0 for a failed drill. */
  records: number;
  /** The backup file tested. */
  file: string;
  /** Why it failed, for a failed drill. */
  failure: DrillFailure | null;
}

export type DrillFailure = 'wrong-password' | 'damaged';

export const DRILL_CHOICES = [7, 30, 90, 0] as const;

export function isDrillRecord(value: unknown): value is DrillRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  return (
    count(v.at) &&
    typeof v.ok === 'boolean' &&
    count(v.codes) &&
    count(v.records) &&
    typeof v.file === 'string' &&
    v.file.length <= 200 &&
    (v.failure === null || v.failure === 'wrong-password' || v.failure === 'damaged')
  );
}

export interface DueInput {
  /** Days between drills; 0 = never remind. */
  everyDays: number;
  last: DrillRecord | null;
  /** When the first automatic backup was written, null before any. */
  firstBackupAt: number | null;
  now: number;
}

/**
 * When the next drill is due (unix ms), or null when none is: reminders are off, or there is no
 * backup to test yet. Counted from the last drill, or from the first backup before any drill.
 * A failed drill is due again at once: the backup it tested did not open.
 */
export function drillDueAt({ everyDays, last, firstBackupAt }: Omit<DueInput, 'now'>): number | null {
  if (last && !last.ok) return last.at;
  if (everyDays <= 0) return null;
  const from = last?.at ?? firstBackupAt;
  return from === null ? null : from + everyDays * DAY_MS;
}

export function drillDue(input: DueInput): boolean {
  const at = drillDueAt(input);
  return at !== null && input.now >= at;
}

/** What a failed attempt means for the person, from the error's code. */
export type DrillErrorKind = 'wrong-password' | 'wrong-recovery-key' | 'no-recovery-slot' | 'damaged' | 'failed';

export function drillErrorKind(code: string): DrillErrorKind {
  switch (code) {
    case 'wrong-password':
    case 'password-required':
      return 'wrong-password';
    case 'wrong-recovery-key':
    case 'invalid-recovery-key':
      return 'wrong-recovery-key';
    case 'no-recovery-slot':
      return 'no-recovery-slot';
    // The bytes are not what was written: cut short, changed, or not a backup at all.
    case 'malformed':
    case 'not-tessera-backup':
    case 'unsupported-version':
    case 'kdf-params':
    case 'too-large':
    case 'invalid-input':
    case 'invalid-encoding':
      return 'damaged';
    // The device could not finish (out of memory, the worker stopped, cancelled): nothing is known
    // about the backup, so nothing is recorded.
    default:
      return 'failed';
  }
}

// Made once, as the app loads: the first date format a page builds costs a few ms (4 ms in the
// first frame after unlocking, where the safety summary shows dates), later ones far less.
const DAY = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** "7 Dec 2026": the day, which is what a drill's date needs. */
export function drillDate(ms: number): string {
  return DAY.format(new Date(ms));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The line Settings shows for the last drill. */
export function describeDrill(last: DrillRecord | null): string {
  if (!last) return 'No restore tested yet.';
  if (last.ok) return `Restore tested on ${drillDate(last.at)}: ${plural(last.codes, 'code')} open.`;
  return last.failure === 'damaged'
    ? `The restore test on ${drillDate(last.at)} failed: the backup was damaged.`
    : `The restore test on ${drillDate(last.at)} failed: the password did not open the backup.`;
}
