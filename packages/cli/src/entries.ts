import type { Otp } from '@tessera/core/otp/types';
import type { ImportPlan, PlannedEntry } from '@tessera/core/transfer/plan';
import type { ImportedEntry, ImportFormat, ImportProblem } from '@tessera/core/transfer/types';
import { createRecord } from '@tessera/core/vault/edit';
import { HybridClock } from '@tessera/core/vault/hlc';
import type { VaultRecord } from '@tessera/core/vault/record';
import { otpJson } from './otp-json.ts';

// Imported entries as the CLI shows them (a preview, JSON) and as core's exporters take them
// (records). Nothing here prints a secret or a password except entryJson, which the commands
// put behind a warning.

export const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  'google-migration': 'Google Authenticator export',
  aegis: 'Aegis vault',
  '2fas': '2FAS backup',
  bitwarden: 'Bitwarden export',
  ente: 'Ente Auth export',
  andotp: 'andOTP backup',
  'freeotp-plus': 'FreeOTP+ backup',
  'otpauth-list': 'otpauth:// list',
  proton: 'Proton Authenticator export',
  stratum: 'Stratum backup',
  steam: 'Steam Guard maFile',
  lastpass: 'LastPass Authenticator export',
  raivo: 'Raivo OTP export',
  'tessera-backup': 'Tessera backup',
};

// Only a device id for the stamps of records that exist for the length of one export: none of
// them reaches a vault, and the backup keeps their times, not their stamps.
const CLI_DEVICE = 'tessera-cli';

/** Records made from entries the way the app makes them on import, so the exporters see what the vault would hold. */
export function recordsFrom(entries: readonly ImportedEntry[], now: () => number): VaultRecord[] {
  const clock = new HybridClock(CLI_DEVICE, now);
  return entries.map((entry) => createRecord({ ...entry.login, otp: entry.otp }, clock));
}

/** "totp, SHA1, 6 digits, 30 s": what the code looks like, never the secret. */
export function otpSummary(otp: Otp): string {
  if (otp.type === 'steam') return `Steam, ${otp.digits} characters, ${otp.period} s`;
  const moving = otp.type === 'hotp' ? `counter ${otp.counter}` : `${otp.period} s`;
  return `${otp.type}, ${otp.algorithm}, ${otp.digits} digits, ${moving}`;
}

/** Which login fields an entry brings (names only: a password is said to be there, not shown). */
export function loginSummary(entry: ImportedEntry): string {
  const login = entry.login;
  if (login === undefined) return '';
  const fields = [
    login.url !== '' ? 'URL' : '',
    login.username !== '' ? 'username' : '',
    login.password !== '' ? 'password' : '',
    login.notes !== '' ? 'notes' : '',
  ].filter((field) => field !== '');
  const parts = fields.length > 0 ? [`with ${fields.join(', ')}`] : [];
  if (login.tags !== undefined && login.tags.length > 0) parts.push(`tags ${login.tags.join(', ')}`);
  if (login.favourite === true) parts.push('favourite');
  return parts.join('; ');
}

/** The preview `tessera import` prints: what will be added, duplicates in the file, entries that could not be read and why. */
export function previewText(plan: ImportPlan, source: string): string {
  const added = plan.entries.filter((planned) => planned.add);
  const duplicates = plan.entries.filter((planned) => planned.duplicateOf !== null);
  const lost = plan.problems.filter((problem) => !problem.imported);
  const notes = plan.problems.filter((problem) => problem.imported);
  const lines = [
    `${source}: ${FORMAT_NAMES[plan.format]}, ${count(added.length, 'entry', 'entries')} to add, ${count(duplicates.length, 'duplicate', 'duplicates')}, ${lost.length} unreadable`,
  ];
  const section = (title: string, body: string[]): void => {
    if (body.length > 0) lines.push('', title, ...body);
  };
  const width = `#${plan.entries.length}`.length;
  section(
    'to add:',
    added.map((planned) => entryLine(planned, width)),
  );
  section(
    'duplicates, skipped (--keep-duplicates adds them):',
    duplicates.filter((planned) => !planned.add).map((planned) => entryLine(planned, width)),
  );
  section('unreadable, not added:', lost.map(problemLine));
  section('added with a note:', notes.map(problemLine));
  return `${lines.join('\n')}\n`;
}

/** Every entry with its secret in base32 and its otpauth:// URI, for `import --json`. */
export function entryJson(planned: PlannedEntry) {
  const { entry } = planned;
  return {
    index: planned.index,
    label: planned.label,
    duplicateOf: planned.duplicateOf?.kind === 'entry' ? planned.duplicateOf.index : null,
    otp: entry.otp === null ? null : otpJson(entry.otp),
    login: entry.login ?? null,
  };
}

export function resultJson(plan: ImportPlan) {
  return { format: plan.format, entries: plan.entries.map(entryJson), problems: plan.problems };
}

/** "record 3 (Steam: dave): reason [code]"; `noun` names an entry by its 1-based position in the file. */
export function problemMessage(problem: ImportProblem, noun: (position: number) => string): string {
  const where = problem.index < 0 ? 'the file' : noun(problem.index + 1);
  const label = problem.label === '' ? '' : ` (${problem.label})`;
  return `${where}${label}: ${problem.reason} [${problem.code}]`;
}

// Entries are numbered #1.. in the order they were read; problems by their place in the file,
// which also counts the entries that did not come through.
function entryLine(planned: PlannedEntry, width: number): string {
  const { entry, duplicateOf } = planned;
  const same = duplicateOf?.kind === 'entry' ? `same as #${duplicateOf.index + 1}` : '';
  const details = [entry.otp === null ? 'no OTP' : otpSummary(entry.otp), loginSummary(entry), same].filter(
    (part) => part !== '',
  );
  return `  ${`#${planned.index + 1}`.padEnd(width)}  ${planned.label === '' ? '(no name)' : planned.label}  (${details.join('; ')})`;
}

function problemLine(problem: ImportProblem): string {
  return `  ${problemMessage(problem, (position) => `entry ${position} of the file`)}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
