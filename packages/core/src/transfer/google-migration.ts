import { isTesseraError } from '../errors.ts';
import { canMigrate, formatMigrationUris, parseMigrationUri } from '../otp/migration.ts';
import type { Otp } from '../otp/types.ts';
import { describeEntry, EntryList } from './entry.ts';
import { TransferError } from './errors.ts';
import { readText } from './input.ts';
import { addMigration } from './otpauth-list.ts';
import { exportViews, type ExportRecord } from './records.ts';
import type { ImportInput, ImportOptions, ImportProblem, ImportResult } from './types.ts';
import { isMigrationUri, uriTokens } from './uri-text.ts';

// Google Authenticator's "Transfer accounts" export: one or more otpauth-migration:// URIs (one
// per QR code, read by the camera or pasted), decoded by otp/migration. An export of more than
// ten accounts spans several QR codes that share a batch id; a code scanned twice is read once,
// and codes of a batch that never arrived are reported.

const FORMAT = 'google-migration';
// How many missing QR code numbers a problem spells out before it just counts them.
const LISTED_MISSING = 5;

interface Batch {
  size: number;
  seen: Set<number>;
}

export async function importGoogleMigration(input: ImportInput, _opts: ImportOptions = {}): Promise<ImportResult> {
  const tokens = uriTokens(readText(input, FORMAT));
  if (!tokens.some(isMigrationUri)) {
    throw new TransferError(
      'not-google-migration',
      'The file holds no Google Authenticator export (otpauth-migration://) URIs',
      FORMAT,
    );
  }
  const list = new EntryList(FORMAT, tokens.length);
  const batches = new Map<number, Batch>();
  let index = 0;
  for (const token of tokens) {
    if (!isMigrationUri(token)) {
      list.fail(index++, '', 'not-migration-uri', 'This line is not a Google Authenticator export URI');
      continue;
    }
    let migration;
    try {
      migration = parseMigrationUri(token);
    } catch (e) {
      if (!isTesseraError(e)) throw e;
      list.fail(index++, 'Google Authenticator export', e.code, e.message);
      continue;
    }
    const { batch } = migration;
    const known = batches.get(batch.id) ?? { size: batch.size, seen: new Set<number>() };
    batches.set(batch.id, known);
    // The same QR code scanned twice: its entries are already in.
    if (known.seen.has(batch.index)) continue;
    known.seen.add(batch.index);
    index = addMigration(list, index, migration);
  }
  for (const batch of batches.values()) reportMissing(list, batch);
  return list.result();
}

function reportMissing(list: EntryList, batch: Batch): void {
  const missing: number[] = [];
  // Bounded by the codes seen, not by the size the payload claims.
  for (let i = 0; i < batch.size && missing.length < LISTED_MISSING; i++) if (!batch.seen.has(i)) missing.push(i + 1);
  if (missing.length === 0) return;
  const count = batch.size - [...batch.seen].filter((i) => i >= 0 && i < batch.size).length;
  const listed = missing.join(', ') + (count > missing.length ? ` and ${count - missing.length} more` : '');
  list.fail(
    -1,
    `Google Authenticator export of ${batch.size} QR codes`,
    'missing-batch',
    `QR code${count === 1 ? '' : 's'} ${listed} of ${batch.size} ${count === 1 ? 'was' : 'were'} not scanned: the accounts on ${count === 1 ? 'it are' : 'them are'} missing`,
  );
}

export interface MigrationExport {
  /** otpauth-migration:// URIs, one per QR code, at most ten accounts each, sharing one batch id. */
  uris: string[];
  /** Records Google Authenticator's format cannot carry (Steam, 7 digits, a period other than 30 s). */
  skipped: ImportProblem[];
}

/** Google Authenticator export QR codes for every OTP of `records` that its format can carry. */
export function exportMigrationUris(
  records: readonly ExportRecord[],
  opts: { batchId?: number } = {},
): MigrationExport {
  const otps: Otp[] = [];
  const skipped: ImportProblem[] = [];
  exportViews(records).forEach((view, index) => {
    if (view.otp === null) return;
    if (canMigrate(view.otp)) {
      otps.push(view.otp);
      return;
    }
    const label = describeEntry(view.otp.issuer, view.otp.account, view.title);
    skipped.push({ index, label, code: 'migration-unsupported', reason: whyNot(view.otp), imported: false });
  });
  return { uris: otps.length === 0 ? [] : formatMigrationUris(otps, opts), skipped };
}

// The reason in otp/migration's own words: it names the first entry it refuses, here the only one.
function whyNot(otp: Otp): string {
  try {
    formatMigrationUris([otp], { batchId: 0 });
  } catch (e) {
    if (isTesseraError(e)) return e.message.replace(/^entry 1 /, '');
    throw e;
  }
  return 'cannot be exported for Google Authenticator';
}
