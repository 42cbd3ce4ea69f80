import { ANDOTP_WRITTEN_ITERATIONS } from './andotp.ts';
import { BACKUP_MAGIC } from './backup-file.ts';
import { isBitwardenCsv } from './bitwarden-csv.ts';
import { startsWith, STRATUM_LEGACY_HEADER, STRATUM_STRONG_HEADER } from './stratum.ts';
import { checkSize, isObject, member, type JsonObject } from './input.ts';
import type { ImportFormat, ImportInput } from './types.ts';
import { isMigrationUri, looksLikeUri, uriTokens } from './uri-text.ts';

// Sniffs which format a file is, from its content (and, for the one format whose content says
// nothing about itself, the name it was saved under). It only looks; the importer of the format
// it names does the real reading and reports damage precisely.

export interface DetectedFormat {
  format: ImportFormat;
  /** Whether importing it needs a password, so the UI can ask before the first attempt. */
  encrypted: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
// Names the apps give their exports, for a file whose content does not tell (a damaged JSON file,
// an andOTP encrypted backup, which is random bytes from the first one).
const NAME_HINTS: readonly [RegExp, DetectedFormat][] = [
  [/\.json\.aes$/i, { format: 'andotp', encrypted: true }],
  [/\.2fas$/i, { format: '2fas', encrypted: false }],
  [/^aegis-(?:backup|export)-.*\.json$/i, { format: 'aegis', encrypted: false }],
  [/^bitwarden_(?:encrypted_)?export_.*\.json$/i, { format: 'bitwarden', encrypted: false }],
  [/^freeotp-backup\.json$/i, { format: 'freeotp-plus', encrypted: false }],
  [/^otp_accounts.*\.json$/i, { format: 'andotp', encrypted: false }],
  [/\.tessera$/i, { format: 'tessera-backup', encrypted: true }],
  [/\.mafile$/i, { format: 'steam', encrypted: false }],
  [/^raivo-otp-export\.json$/i, { format: 'raivo', encrypted: false }],
  [/\.(?:stratum|authpro)$/i, { format: 'stratum', encrypted: false }],
];

/** The format of `input`, or null when it is none Tessera reads. Throws only for input it must not read at all ('too-large'). */
export function detectFormat(input: ImportInput, fileName?: string): DetectedFormat | null {
  checkSize(input, null);
  if (typeof input !== 'string') {
    if (startsWith(input, BACKUP_MAGIC)) return { format: 'tessera-backup', encrypted: true };
    if (startsWith(input, STRATUM_STRONG_HEADER) || startsWith(input, STRATUM_LEGACY_HEADER))
      return { format: 'stratum', encrypted: true };
  }
  const text = asText(input);
  const found = text === null ? null : fromText(text);
  return found ?? fromName(fileName) ?? fromBytes(input);
}

// andOTP's encrypted backup (0.6.3 and later) opens with its PBKDF2 iteration count, big endian,
// which andOTP draws from 140,000 to 160,000: 00 02 22 e0 .. 00 02 71 00. Random bytes start
// like that once in about 200,000 files, and only files no other rule took get here.
function fromBytes(input: ImportInput): DetectedFormat | null {
  if (typeof input === 'string' || input.length < 4 + 12 + 12 + 16) return null;
  const iterations = new DataView(input.buffer, input.byteOffset, 4).getUint32(0);
  return iterations >= ANDOTP_WRITTEN_ITERATIONS.min && iterations <= ANDOTP_WRITTEN_ITERATIONS.max
    ? { format: 'andotp', encrypted: true }
    : null;
}

function asText(input: ImportInput): string | null {
  if (typeof input === 'string') return input;
  try {
    return utf8.decode(input);
  } catch {
    return null;
  }
}

function fromText(text: string): DetectedFormat | null {
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') return fromJson(text);
  if (isBitwardenCsv(text)) return { format: 'bitwarden', encrypted: false };
  const tokens = uriTokens(text).filter(looksLikeUri);
  if (tokens.length === 0) return null;
  if (tokens.every(isMigrationUri)) return { format: 'google-migration', encrypted: false };
  // Ente Auth is the only app that adds codeDisplay to its URIs.
  if (tokens.some((token) => /[?&]codeDisplay=/.test(token))) return { format: 'ente', encrypted: false };
  return { format: 'otpauth-list', encrypted: false };
}

function fromJson(text: string): DetectedFormat | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(json)) {
    const first: unknown = json[0];
    if (json.length === 0 || (isObject(first) && Object.hasOwn(first, 'secret') && Object.hasOwn(first, 'type')))
      return { format: 'andotp', encrypted: false };
    return isObject(first) && Object.hasOwn(first, 'secret') && Object.hasOwn(first, 'kind')
      ? { format: 'raivo', encrypted: false }
      : null;
  }
  if (!isObject(json)) return null;
  return fromObject(json);
}

function fromObject(json: JsonObject): DetectedFormat | null {
  const has = (key: string): boolean => Object.hasOwn(json, key);
  if (has('header') && has('db')) return { format: 'aegis', encrypted: typeof member(json, 'db') === 'string' };
  if (has('schemaVersion') && (has('services') || has('servicesEncrypted'))) {
    const sealed = member(json, 'servicesEncrypted');
    return { format: '2fas', encrypted: typeof sealed === 'string' && sealed !== '' };
  }
  if (has('kdfParams') && has('encryptedData')) return { format: 'ente', encrypted: true };
  if (Array.isArray(member(json, 'tokens'))) return { format: 'freeotp-plus', encrypted: false };
  if (Array.isArray(member(json, 'items')) || (member(json, 'encrypted') === true && has('data'))) {
    return { format: 'bitwarden', encrypted: member(json, 'encrypted') === true };
  }
  if (Array.isArray(member(json, 'Authenticators'))) return { format: 'stratum', encrypted: false };
  if (Array.isArray(member(json, 'accounts')) && (has('deviceId') || has('localDeviceId')))
    return { format: 'lastpass', encrypted: false };
  if (has('shared_secret')) return { format: 'steam', encrypted: false };
  if (has('version') && Array.isArray(member(json, 'entries'))) return { format: 'proton', encrypted: false };
  if (has('version') && typeof member(json, 'salt') === 'string' && typeof member(json, 'content') === 'string')
    return { format: 'proton', encrypted: true };
  return null;
}

function fromName(fileName: string | undefined): DetectedFormat | null {
  if (typeof fileName !== 'string') return null;
  const base = fileName.split(/[\\/]/).pop() ?? '';
  for (const [pattern, format] of NAME_HINTS) if (pattern.test(base)) return format;
  return null;
}
