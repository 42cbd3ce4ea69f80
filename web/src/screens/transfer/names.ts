import type { ImportFormat } from '@tessera/core/transfer/types';

// Words for formats and files, as the user knows them.
const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  'google-migration': 'Google Authenticator export',
  aegis: 'Aegis backup',
  '2fas': '2FAS backup',
  bitwarden: 'Bitwarden export',
  ente: 'Ente Auth export',
  andotp: 'andOTP backup',
  'freeotp-plus': 'FreeOTP+ backup',
  'otpauth-list': 'list of otpauth:// links',
  proton: 'Proton Authenticator export',
  stratum: 'Stratum (Authenticator Pro) backup',
  steam: 'Steam Guard maFile',
  lastpass: 'LastPass Authenticator export',
  raivo: 'Raivo OTP export',
  'tessera-backup': 'Tessera backup',
};

export function formatName(format: ImportFormat): string {
  return FORMAT_NAMES[format];
}

/** The local date as YYYY-MM-DD: the day the user made the file, where they are. */
function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function backupFileName(date: Date): string {
  return `tessera-backup-${localDate(date)}.tessera`;
}

export function aegisFileName(date: Date): string {
  return `tessera-aegis-${localDate(date)}.json`;
}

export function otpauthFileName(date: Date): string {
  return `tessera-otpauth-${localDate(date)}.txt`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
