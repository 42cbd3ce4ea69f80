import { isTesseraError } from '../errors.ts';
import {
  checkOtp,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  OtpError,
  STEAM_DIGITS,
  STEAM_PERIOD,
  type Otp,
  type OtpAlgorithm,
} from '../otp/types.ts';
import { LIMITS } from '../vault/record.ts';
import { checkRecordInput } from '../vault/input.ts';
import { TransferError } from './errors.ts';
import { checkCount, MAX_ENTRIES } from './input.ts';
import type { ImportedEntry, ImportedLogin, ImportFormat, ImportProblem, ImportResult } from './types.ts';

// The part every importer shares: turning a format's loose fields into a checked Otp and a
// record-sized login, and keeping one bad entry from sinking the file.

/** An OTP as formats describe it: names and numbers as found, checked and defaulted by makeOtp. */
export interface OtpParts {
  type: string;
  /** The secret, or how to read it: read only once the type is known to be one Tessera makes,
   *  so an mOTP entry (whose secret is hex, not base32) is refused for what it is. */
  secret: Uint8Array | (() => Uint8Array);
  algorithm?: string | undefined;
  digits?: number | undefined;
  period?: number | undefined;
  counter?: number | undefined;
  issuer?: string | undefined;
  account?: string | undefined;
}

// SHA1, sha-256, HmacSHA512 (Java's names), HMAC-SHA1: formats spell these every way.
const ALGORITHM = /^(?:HMAC-?)?SHA-?(1|256|512)$/i;

// Kinds of code other authenticators make that Tessera does not, by the names people know them.
const UNSUPPORTED_TYPES: Readonly<Record<string, string>> = {
  motp: 'mOTP',
  yandex: 'Yandex',
  yaotp: 'Yandex',
  ykotp: 'YubiKey OTP',
};

/** Builds a checked Otp; each way it can be wrong is an OtpError, which EntryList turns into a problem.
 *  The type is checked before the secret is read, so an entry of a kind Tessera does not make
 *  is named for that, not for a secret in another encoding. */
export function makeOtp(parts: OtpParts): Otp {
  const type = parts.type.trim().toLowerCase();
  const issuer = (parts.issuer ?? '').trim();
  const account = (parts.account ?? '').trim();
  if (type !== 'steam' && type !== 'totp' && type !== 'hotp') {
    const known = UNSUPPORTED_TYPES[type];
    throw new OtpError(
      'unknown-type',
      known !== undefined
        ? `${known} codes are not supported: Tessera makes TOTP, HOTP and Steam codes`
        : `${parts.type === '' ? 'an OTP with no type' : `"${short(parts.type)}" codes`} cannot be used in Tessera (only TOTP, HOTP and Steam)`,
    );
  }
  const secret = typeof parts.secret === 'function' ? parts.secret() : parts.secret;
  if (type === 'steam') {
    // Valve fixes Steam Guard codes at SHA1, 5 characters, 30 s, whatever a file says.
    return checkOtp({
      type,
      secret,
      algorithm: 'SHA1',
      digits: STEAM_DIGITS,
      period: STEAM_PERIOD,
      counter: 0,
      issuer,
      account,
    });
  }
  const algorithm = parseAlgorithm(parts.algorithm);
  const digits = parts.digits ?? DEFAULT_DIGITS;
  if (type === 'hotp') {
    return checkOtp({
      type,
      secret,
      algorithm,
      digits,
      period: DEFAULT_PERIOD,
      counter: parts.counter ?? 0,
      issuer,
      account,
    });
  }
  return checkOtp({
    type,
    secret,
    algorithm,
    digits,
    period: parts.period ?? DEFAULT_PERIOD,
    counter: 0,
    issuer,
    account,
  });
}

function parseAlgorithm(name: string | undefined): OtpAlgorithm {
  if (name === undefined || name.trim() === '') return 'SHA1';
  const match = ALGORITHM.exec(name.trim());
  if (match === null)
    throw new OtpError(
      'unsupported-algorithm',
      `the ${short(name)} algorithm is not supported (only SHA1, SHA256 and SHA512)`,
    );
  return `SHA${match[1]}` as OtpAlgorithm;
}

/** Tags as Tessera keeps them: trimmed, no empties or repeats, at most LIMITS.tags of LIMITS.tagChars characters. */
export function cleanTags(tags: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const tag of tags) {
    if (typeof tag !== 'string') continue;
    // A folder path like "Work/Clients/Acme" can outgrow a tag; a shortened tag beats losing the entry.
    const trimmed = [...tag.trim()].slice(0, LIMITS.tagChars).join('').trim();
    if (trimmed !== '') out.add(trimmed);
    if (out.size === LIMITS.tags) break;
  }
  return [...out];
}

export function emptyLogin(): ImportedLogin {
  return { title: '', url: '', username: '', password: '', notes: '' };
}

/** The login of an authenticator entry, or none when it carries nothing but the OTP. */
export function authenticatorLogin(extra: {
  notes?: string;
  tags?: readonly unknown[];
  favourite?: boolean;
}): ImportedLogin | undefined {
  const notes = extra.notes?.trim() ?? '';
  const tags = cleanTags(extra.tags ?? []);
  const favourite = extra.favourite === true;
  if (notes === '' && tags.length === 0 && !favourite) return undefined;
  return { ...emptyLogin(), notes, tags, favourite };
}

/** "Issuer: account" for messages and previews. */
export function describeEntry(issuer: string, account: string, fallback = ''): string {
  const label = [issuer.trim(), account.trim()].filter((part) => part !== '').join(': ') || fallback.trim();
  return short(label, 80);
}

export function short(text: string, max = 40): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/**
 * Collects a file's entries one at a time. An entry whose building throws a TesseraError (a bad
 * secret, an unknown algorithm, a note above the record limit, ...) becomes a problem; any other
 * exception is a bug and propagates.
 */
export class EntryList {
  readonly format: ImportFormat;
  private readonly entries: ImportedEntry[] = [];
  private readonly problems: ImportProblem[] = [];

  constructor(format: ImportFormat, count: number) {
    checkCount(count, format);
    this.format = format;
  }

  /** Adds the entry `build` makes; false when it became a problem instead. */
  add(index: number, label: string, build: () => ImportedEntry): boolean {
    this.checkRoom();
    let entry: ImportedEntry;
    try {
      entry = checkEntry(build());
    } catch (e) {
      if (!isTesseraError(e)) throw e;
      this.fail(index, label, e.code, e.message);
      return false;
    }
    this.entries.push(entry);
    return true;
  }

  /** An entry that could not be imported. */
  fail(index: number, label: string, code: string, reason: string): void {
    this.checkRoom();
    this.problems.push({ index, label, code, reason, imported: false });
  }

  /** An entry that was imported without the part `reason` names. */
  partial(index: number, label: string, code: string, reason: string): void {
    this.problems.push({ index, label, code, reason, imported: true });
  }

  // Formats that nest entries (a migration URI in a list) can hold more than their top-level count.
  private checkRoom(): void {
    if (this.entries.length + this.problems.length >= MAX_ENTRIES) {
      throw new TransferError(
        'too-large',
        `The file holds more than ${MAX_ENTRIES} entries; at most ${MAX_ENTRIES} can be imported at once`,
        this.format,
      );
    }
  }

  get size(): number {
    return this.entries.length;
  }

  result(): ImportResult {
    return { format: this.format, entries: this.entries, problems: this.problems };
  }
}

// The record limits (title, notes, tags, ...) are the vault's: checked here so that adding an
// imported entry can never fail half way through an import.
function checkEntry(entry: ImportedEntry): ImportedEntry {
  const checked = checkRecordInput({ ...entry.login, otp: entry.otp });
  const otp = checked.otp ?? null;
  if (entry.login === undefined) return { otp };
  return {
    otp,
    login: {
      title: checked.title ?? '',
      url: checked.url ?? '',
      username: checked.username ?? '',
      password: checked.password ?? '',
      notes: checked.notes ?? '',
      tags: checked.tags ?? [],
      favourite: checked.favourite ?? false,
    },
  };
}
