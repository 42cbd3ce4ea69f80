import { parseMigrationUri, type MigrationResult } from '@tessera/core/otp/migration';
import type { Otp } from '@tessera/core/otp/types';
import { parseOtpUri } from '@tessera/core/otp/uri';
import { AddError } from './errors.ts';

// What a scanned or pasted text turns out to be. Every QR path (camera, image, screen) and the
// link field end here, so they accept and refuse exactly the same things.

export type ScannedText = { kind: 'otp'; otp: Otp } | ({ kind: 'migration' } & MigrationResult);

function scheme(text: string): string {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  return match ? match[1]!.toLowerCase() : '';
}

/** Parses an otpauth://, steam:// or otpauth-migration:// text; throws a typed error otherwise. */
export function readScannedText(raw: string): ScannedText {
  const text = raw.trim();
  switch (scheme(text)) {
    case 'otpauth':
    case 'steam':
      return { kind: 'otp', otp: parseOtpUri(text) };
    case 'otpauth-migration':
      return { kind: 'migration', ...parseMigrationUri(text) };
    case 'http':
    case 'https': {
      // Naming the host helps the user see which site's QR code they picked up; the rest of the
      // address may carry tokens, so it is not repeated.
      let host = '';
      try {
        host = new URL(text).hostname;
      } catch {
        host = '';
      }
      throw new AddError(
        'qr-web-link',
        `This is a link to a web page${host ? ` (${host})` : ''}, not an authenticator setup code. Look for the QR code on the site's two-factor setup page.`,
      );
    }
    default:
      throw new AddError(
        'qr-not-otp',
        text === ''
          ? 'Nothing to read: the QR code or the pasted text is empty.'
          : 'This is not an authenticator setup code: it should start with otpauth:// (or otpauth-migration:// for a Google Authenticator export).',
      );
  }
}
