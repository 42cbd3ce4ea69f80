import { splitLabel } from '../otp/label.ts';
import { describeEntry } from './entry.ts';

// Lists of URIs as people and apps write them: one per line, or several on a line separated by
// commas or spaces. A comma or space only separates URIs when another URI starts right after it,
// so a label such as "Acme, Inc" (unencoded, as some generators write it) stays in one piece.
const NEXT_URI = /[\s,]+(?=(?:otpauth|otpauth-migration|steam):\/\/)/i;
const URI_START = /^(?:otpauth|otpauth-migration|steam):\/\//i;

/** The non-empty pieces of a URI list, in order. */
export function uriTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    for (const piece of line.split(NEXT_URI)) {
      const token = piece
        .trim()
        .replace(/^,+|,+$/g, '')
        .trim();
      if (token !== '') tokens.push(token);
    }
  }
  return tokens;
}

export function looksLikeUri(token: string): boolean {
  return URI_START.test(token);
}

export function isMigrationUri(token: string): boolean {
  return /^otpauth-migration:\/\//i.test(token);
}

/**
 * "Issuer: account" of an otpauth URI for a problem report, read without trusting the URI: a
 * URI too broken to parse still gets a label when its label part decodes.
 */
export function uriLabel(uri: string): string {
  const match = /^otpauth:\/\/[^/?#]*\/([^?#]*)(?:\?([^#]*))?/i.exec(uri);
  if (match === null) return '';
  let issuer = '';
  for (const part of (match[2] ?? '').split('&')) {
    if (part.toLowerCase().startsWith('issuer=')) issuer = decode(part.slice('issuer='.length).replaceAll('+', ' '));
  }
  const label = splitLabel(decode(match[1] ?? ''), issuer);
  return describeEntry(label.issuer, label.account);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
