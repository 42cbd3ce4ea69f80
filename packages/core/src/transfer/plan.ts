import { toHex } from '../crypto/bytes.ts';
import type { Otp } from '../otp/types.ts';
import type { RecordInput } from '../vault/record.ts';
import { describeEntry } from './entry.ts';
import { exportViews, type ExportRecord } from './records.ts';
import type { ImportedEntry, ImportFormat, ImportProblem, ImportResult } from './types.ts';

// The preview the app shows before anything is written: what will be added, which entries are
// already in the vault (or twice in the file) and are skipped unless the user says otherwise,
// and what could not be read. The app then adds recordInputs(plan) in one transaction, so an
// import either adds everything it showed or nothing.
//
// Two OTPs are the same when their secrets are the same bytes (however each file spelled them)
// and their issuer and account match after trimming, Unicode NFKC and case folding. An entry
// without an OTP (a Bitwarden login, a note) is the same as another when title and URL match in
// that way and username and password match exactly. Records in "recently deleted" do not count.

export type DuplicateOf =
  /** Already in the vault: the record's id and how the app shows it. */
  | { kind: 'record'; id: string; label: string }
  /** Earlier in the same file: its position in the plan. */
  | { kind: 'entry'; index: number };

export interface PlannedEntry {
  /** Position in ImportResult.entries (and in plan.entries). */
  index: number;
  entry: ImportedEntry;
  label: string;
  duplicateOf: DuplicateOf | null;
  /** Whether it will be added: true for new entries, false for duplicates until the user picks them. */
  add: boolean;
}

export interface ImportPlan {
  format: ImportFormat;
  entries: PlannedEntry[];
  problems: ImportProblem[];
}

export function planImport(result: ImportResult, existing: readonly ExportRecord[]): ImportPlan {
  const known = new Map<string, DuplicateOf>();
  for (const view of exportViews(existing)) {
    const key = identity({ otp: view.otp, login: view });
    if (!known.has(key))
      known.set(key, {
        kind: 'record',
        id: view.id,
        label: describeEntry(view.otp?.issuer ?? '', view.otp?.account ?? '', view.title),
      });
  }
  const entries = result.entries.map((entry, index): PlannedEntry => {
    const key = identity(entry);
    const duplicateOf = known.get(key) ?? null;
    if (duplicateOf === null) known.set(key, { kind: 'entry', index });
    return { index, entry, label: entryLabel(entry), duplicateOf, add: duplicateOf === null };
  });
  return { format: result.format, entries, problems: result.problems };
}

/** The plan with one entry's choice changed (the user ticking a duplicate in, or a new entry out). */
export function chooseEntry(plan: ImportPlan, index: number, add: boolean): ImportPlan {
  return { ...plan, entries: plan.entries.map((planned) => (planned.index === index ? { ...planned, add } : planned)) };
}

/** The plan with every entry ticked in (`add`) or out: "Select all" and "Select none". */
export function chooseAll(plan: ImportPlan, add: boolean): ImportPlan {
  return { ...plan, entries: plan.entries.map((planned) => (planned.add === add ? planned : { ...planned, add })) };
}

export interface PlanCounts {
  add: number;
  duplicates: number;
  problems: number;
}

export function planCounts(plan: ImportPlan): PlanCounts {
  return {
    add: plan.entries.filter((planned) => planned.add).length,
    duplicates: plan.entries.filter((planned) => planned.duplicateOf !== null).length,
    // A problem about an entry that still came in is a note on that entry, not a lost one.
    problems: plan.problems.filter((problem) => !problem.imported).length,
  };
}

/** What to hand to createRecord, in file order, for every entry the plan adds. */
export function recordInputs(plan: ImportPlan): RecordInput[] {
  return plan.entries.filter((planned) => planned.add).map(({ entry }) => ({ ...entry.login, otp: entry.otp }));
}

function entryLabel(entry: ImportedEntry): string {
  return describeEntry(entry.otp?.issuer ?? '', entry.otp?.account ?? '', entry.login?.title ?? '');
}

function identity(entry: {
  otp: Otp | null;
  login?: { title: string; url: string; username: string; password: string } | undefined;
}): string {
  if (entry.otp !== null)
    return ['otp', toHex(entry.otp.secret), fold(entry.otp.issuer), fold(entry.otp.account)].join('\u0000');
  const login = entry.login;
  return ['login', fold(login?.title ?? ''), fold(login?.url ?? ''), login?.username ?? '', login?.password ?? ''].join(
    '\u0000',
  );
}

function fold(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}
