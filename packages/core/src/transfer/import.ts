import { importAegis } from './aegis.ts';
import { importAndOtp } from './andotp.ts';
import { importBackup } from './backup.ts';
import { importBitwarden } from './bitwarden.ts';
import { detectFormat } from './detect.ts';
import { importEnte } from './ente.ts';
import { TransferError } from './errors.ts';
import { describeValue } from './input.ts';
import { importFreeOtpPlus } from './freeotp-plus.ts';
import { importGoogleMigration } from './google-migration.ts';
import { importOtpauthList } from './otpauth-list.ts';
import { importTwoFas } from './twofas.ts';
import { importLastPass } from './lastpass.ts';
import { importProton } from './proton.ts';
import { importRaivo } from './raivo.ts';
import { importSteam } from './steam.ts';
import { importStratum } from './stratum.ts';
import type { ImportFormat, ImportInput, ImportOptions, ImportResult } from './types.ts';

// One entry point for the app and the CLI: detect the format (unless the user picked it), then
// run its importer. A 'password-required' error means: ask, then call again with the password.

export type Importer = (input: ImportInput, opts?: ImportOptions) => Promise<ImportResult>;

export const IMPORTERS: Readonly<Record<ImportFormat, Importer>> = Object.freeze({
  'google-migration': importGoogleMigration,
  aegis: importAegis,
  '2fas': importTwoFas,
  bitwarden: importBitwarden,
  ente: importEnte,
  andotp: importAndOtp,
  'freeotp-plus': importFreeOtpPlus,
  'otpauth-list': importOtpauthList,
  proton: importProton,
  stratum: importStratum,
  steam: importSteam,
  lastpass: importLastPass,
  raivo: importRaivo,
  'tessera-backup': (input: ImportInput, opts: ImportOptions = {}) => importBackup(input, opts.password),
});

export interface ImportFileOptions extends ImportOptions {
  /** The format the user chose; detected from the content (and the file name) when absent. */
  format?: ImportFormat;
  /** The file's name, a hint for formats whose content does not identify them. */
  fileName?: string;
}

export async function importFile(input: ImportInput, opts: ImportFileOptions = {}): Promise<ImportResult> {
  const format = opts.format ?? detectFormat(input, opts.fileName)?.format;
  if (format === undefined) {
    throw new TransferError(
      'unknown-format',
      'This file is not an export Tessera can read: choose its format if you know it',
      null,
    );
  }
  const importer = Object.hasOwn(IMPORTERS, format) ? IMPORTERS[format] : undefined;
  if (importer === undefined)
    throw new TransferError('unknown-format', `Unknown import format ${describeValue(format)}`, null);
  const options: ImportOptions = opts.password === undefined ? {} : { password: opts.password };
  return importer(input, options);
}
