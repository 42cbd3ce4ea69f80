import type { Otp } from '../otp/types.ts';

// What every importer hands back (docs/import-export.md, "Import API"). The shapes are plain
// data so the web app can move them between its crypto worker and the UI, and the CLI can print
// them, without either of them knowing one file format from another.

export type ImportFormat =
  | 'google-migration'
  | 'aegis'
  | '2fas'
  | 'bitwarden'
  | 'ente'
  | 'andotp'
  | 'freeotp-plus'
  | 'otpauth-list'
  | 'proton'
  | 'stratum'
  | 'steam'
  | 'lastpass'
  | 'raivo'
  | 'tessera-backup';

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  'google-migration',
  'aegis',
  '2fas',
  'bitwarden',
  'ente',
  'andotp',
  'freeotp-plus',
  'otpauth-list',
  'proton',
  'stratum',
  'steam',
  'lastpass',
  'raivo',
  'tessera-backup',
];

/** A file's bytes, or its text when the caller already has it as a string. */
export type ImportInput = string | Uint8Array;

export interface ImportOptions {
  /** The file's own password, for encrypted formats. Missing or empty: 'password-required'. */
  password?: string;
}

/**
 * The login half of a record. Present when the source carries anything beyond the OTP (a title,
 * a note, tags, a favourite flag, a password); absent for a bare authenticator entry, which the
 * app stores as a record holding only its OTP.
 */
export interface ImportedLogin {
  title: string;
  url: string;
  username: string;
  password: string;
  notes: string;
  tags?: string[];
  favourite?: boolean;
}

/** One record to be: `createRecord({ ...entry.login, otp: entry.otp })`. Already checked against the record limits. */
export interface ImportedEntry {
  otp: Otp | null;
  login?: ImportedLogin;
}

/**
 * Something in the file that did not come through. `index` is the 0-based position of the entry
 * in the file (in the order the format lists them), or -1 for a part of the file that is not one
 * entry (a missing QR code of a Google Authenticator export). `imported` is true when the entry
 * itself was still imported without the part that `reason` names (a Bitwarden login whose
 * one-time password could not be read comes in as a login without one).
 */
export interface ImportProblem {
  index: number;
  /** Issuer and account, or the entry's name, as the file gives them: never the secret. */
  label: string;
  /** Stable kebab-case code: an OtpError or RecordError code, or one of docs/import-export.md. */
  code: string;
  reason: string;
  imported: boolean;
}

export interface ImportResult {
  format: ImportFormat;
  entries: ImportedEntry[];
  problems: ImportProblem[];
}
