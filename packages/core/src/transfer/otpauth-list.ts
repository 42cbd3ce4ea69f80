import { isTesseraError } from '../errors.ts';
import { parseMigrationUri, type MigrationResult } from '../otp/migration.ts';
import { formatOtpUri, parseOtpUri } from '../otp/uri.ts';
import { describeEntry, EntryList } from './entry.ts';
import { TransferError } from './errors.ts';
import { readText } from './input.ts';
import { exportViews, type ExportRecord } from './records.ts';
import type { ImportedLogin, ImportInput, ImportOptions, ImportResult } from './types.ts';
import { isMigrationUri, looksLikeUri, uriLabel, uriTokens } from './uri-text.ts';

// A plain list of otpauth:// URIs (Google's Key Uri Format), the lowest common denominator every
// authenticator can read or write: one per line or comma-separated, blank lines and surrounding
// whitespace ignored. steam:// URIs (Bitwarden's form) and Google Authenticator
// otpauth-migration:// URIs in the list are read too.

const FORMAT = 'otpauth-list';

export async function importOtpauthList(input: ImportInput, _opts: ImportOptions = {}): Promise<ImportResult> {
  const tokens = uriTokens(readText(input, FORMAT));
  if (!tokens.some(looksLikeUri))
    throw new TransferError('not-otpauth-list', 'The file holds no otpauth:// URIs', FORMAT);
  const list = new EntryList(FORMAT, tokens.length);
  let index = 0;
  for (const token of tokens) index = addUri(list, index, token);
  return list.result();
}

/**
 * Adds the entries of one URI (a migration URI holds several) starting at `index`, and returns
 * the index of the next entry. `login` adds data the URI's container carries (Ente's codeDisplay).
 */
export function addUri(list: EntryList, index: number, token: string, login?: ImportedLogin): number {
  if (isMigrationUri(token)) {
    try {
      return addMigration(list, index, parseMigrationUri(token));
    } catch (e) {
      if (!isTesseraError(e)) throw e;
      list.fail(index, 'Google Authenticator export', e.code, e.message);
      return index + 1;
    }
  }
  const label =
    uriLabel(token) || (looksLikeUri(token) ? '' : `line "${token.length > 30 ? `${token.slice(0, 30)}…` : token}"`);
  list.add(index, label, () => {
    const otp = parseOtpUri(token);
    return login === undefined ? { otp } : { otp, login };
  });
  return index + 1;
}

/** Adds the entries of one decoded migration payload, each at its position after `index`; returns the next index. */
export function addMigration(list: EntryList, index: number, migration: MigrationResult): number {
  const rejected = new Set(migration.rejected.map((rejection) => rejection.index));
  for (const rejection of migration.rejected)
    list.fail(index + rejection.index, '', rejection.error.code, rejection.error.message);
  let position = 0;
  for (const otp of migration.otps) {
    while (rejected.has(position)) position++;
    list.add(index + position, describeEntry(otp.issuer, otp.account), () => ({ otp }));
    position++;
  }
  return index + migration.otps.length + migration.rejected.length;
}

/**
 * Every OTP of `records` as an otpauth:// URI, one per line (formatOtpUri: Steam as
 * `otpauth://totp/...&encoder=steam`). Records without an OTP and deleted ones are left out.
 * The result holds every secret in the clear: the app shows it only behind a warning.
 */
export function exportOtpauthList(records: readonly ExportRecord[]): string {
  const lines = exportViews(records).flatMap((view) => (view.otp === null ? [] : [formatOtpUri(view.otp)]));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
