import { isTesseraError } from '@tessera/core/errors';
import { isApiError } from '../../services/sync/api.ts';

// What to tell the user when an account step fails: what happened and what to do, in their
// words. Server messages are English for people, so a known code gets our wording and an
// unknown one the server's.
const TEXT: Record<string, string> = {
  'credentials-invalid': 'Wrong email or master password.',
  'wrong-password': 'Wrong master password. Check Caps Lock and the keyboard layout.',
  'code-expired': 'That code has expired or was used up. Ask for a new one.',
  'code-used': 'That code was used already. Wait for the next one in your authenticator app.',
  'attempt-invalid': 'This sign-in has ended (too many wrong codes, or more than 10 minutes). Enter your password again.',
  'method-unavailable': 'That method is no longer on for this account. Choose another.',
  network: 'The server cannot be reached. Check the connection and try again.',
  'server-unavailable': 'The sync server has a problem. Try again in a moment.',
  'internal-error': 'The sync server has a problem. Try again in a moment.',
  'delivery-failed': 'The message could not be sent. Try again in a moment.',
  'kdf-params': 'The account asks for key settings outside what Tessera accepts. Nothing was changed.',
  'session-invalid': 'This device was signed out. Sign in again.',
  'crypto-worker': 'The key could not be derived. Reload Tessera and try again.',
};

export function failureText(error: unknown): string {
  if (isApiError(error, 'rate-limited')) {
    const seconds = error.retryAfterMs === null ? null : Math.ceil(error.retryAfterMs / 1000);
    return seconds === null ? 'Too many attempts. Wait a little, then try again.' : `Too many attempts. Try again in ${seconds} s.`;
  }
  // The server says how many tries remain.
  if (isApiError(error, 'code-invalid')) return error.message;
  if (isTesseraError(error)) return TEXT[error.code] ?? error.message;
  return error instanceof Error ? error.message : String(error);
}
