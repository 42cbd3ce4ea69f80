import { isTesseraError } from '@tessera/core/errors';
import type { AccountErrorCode } from '../../services/account-keys.ts';
import { isApiError, type ApiFailureCode } from '../../services/sync/api.ts';

// What to tell the user when an account step fails: what happened and what to do, in their
// words. Every code an account step can fail with is listed, so the compiler checks that each
// has words; null keeps the error's own message (the server's, which names the field or says
// how many tries remain).
export type AccountFailureCode =
  | ApiFailureCode
  | AccountErrorCode
  | 'wrong-password'
  | 'kdf-params'
  | 'kdf-failed'
  | 'crypto-worker';

const SERVER_PROBLEM = 'The sync server has a problem. Try again in a moment.';
const MISMATCH = 'Tessera and the sync server do not understand each other. Reload Tessera to update it and try again.';

const TEXT: Record<AccountFailureCode, string | null> = {
  'credentials-invalid': 'Wrong email or master password.',
  'wrong-password': 'Wrong master password. Check Caps Lock and the keyboard layout.',
  'code-invalid': null,
  'code-expired': 'That code has expired or was used up. Ask for a new one.',
  'code-used': 'That code was used already. Wait for the next one in your authenticator app.',
  'attempt-invalid':
    'This sign-in has ended (too many wrong codes, or more than 10 minutes). Enter your password again.',
  'method-unavailable': 'That method is no longer on for this account. Choose another.',
  'method-already-on': 'This method is on already.',
  network: 'The server cannot be reached. Check the connection and try again.',
  'server-unavailable': SERVER_PROBLEM,
  'internal-error': SERVER_PROBLEM,
  'server-misconfigured': 'The sync server is not set up to do this. Its operator must fix it.',
  'delivery-failed': 'The message could not be sent. Try again in a moment.',
  'kdf-params': 'The account asks for key settings outside what Tessera accepts. Nothing was changed.',
  'kdf-failed': 'This device could not derive the key (not enough memory?). Close other apps and try again.',
  'session-invalid': 'This device was signed out. Sign in again.',
  'session-not-found': 'That device is signed out already.',
  'erase-requested': 'This device was signed out and is being erased from another device.',
  'session-is-current': 'This is the device you are using: sign out of sync here and remove the vault instead.',
  'crypto-worker': 'The key could not be derived. Reload Tessera and try again.',
  'rate-limited': 'Too many attempts. Wait a little, then try again.',
  'signed-out': 'This device is not signed in to sync. Turn sync on or sign in first.',
  'no-vault': 'There is no vault on this device.',
  'other-vault': null,
  'vault-key-mismatch': null,
  'kdf-mismatch': null,
  'vault-full': 'The account holds as many items as it can. Empty Recently deleted or remove items you no longer need.',
  'envelope-too-large': 'A record is too large to sync (over 64 KiB once encrypted). Shorten its notes.',
  'body-too-large': 'A record is too large to sync (over 64 KiB once encrypted). Shorten its notes.',
  'too-many-changes': MISMATCH,
  'deletion-proof-invalid': MISMATCH,
  'deletion-proof-unavailable': MISMATCH,
  'invalid-body': null,
  'malformed-json': MISMATCH,
  'invalid-query': MISMATCH,
  'duplicate-change': MISMATCH,
  'envelope-invalid': MISMATCH,
  'not-found': MISMATCH,
  'method-not-allowed': MISMATCH,
  'cursor-invalid': MISMATCH,
  'unsupported-media-type': MISMATCH,
  'upgrade-required': MISMATCH,
  'bad-response': MISMATCH,
};

function isAccountFailureCode(code: string): code is AccountFailureCode {
  return Object.hasOwn(TEXT, code);
}

export function failureText(error: unknown): string {
  if (isApiError(error, 'rate-limited')) {
    const seconds = error.retryAfterMs === null ? null : Math.ceil(error.retryAfterMs / 1000);
    return seconds === null
      ? 'Too many attempts. Wait a little, then try again.'
      : `Too many attempts. Try again in ${seconds} s.`;
  }
  // The server says how many tries remain.
  if (isApiError(error, 'code-invalid')) return error.message;
  // Which field of the answer was wrong tells an outdated app from a server that lies (key
  // settings out of bounds, a salt that changed), so the words keep it.
  if (isApiError(error, 'bad-response')) return `${error.message}. ${MISMATCH}`;
  if (isTesseraError(error)) return (isAccountFailureCode(error.code) ? TEXT[error.code] : null) ?? error.message;
  return error instanceof Error ? error.message : String(error);
}
