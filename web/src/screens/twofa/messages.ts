import type { EnrollableMethod } from '@tessera/core/sync/two-factor';
import { isTesseraError } from '@tessera/core/errors';
import { isApiError } from '../../services/sync/api.ts';
import { failureText as accountFailureText, type AccountFailureCode } from '../account/messages.ts';

// Names and wording of the two-factor screens. The method names match the sign-in screen's
// (account/SecondFactor.tsx), so people see the same words when they set a method up and use it.
export const METHOD_NAME: Record<EnrollableMethod, string> = {
  totp: 'Authenticator app',
  email: 'Code by email',
  sms: 'Code by text message',
};

// Where the two-factor screens say it better than the account screens (account/messages.ts).
const TEXT: Partial<Record<AccountFailureCode, string>> = {
  'credentials-invalid': 'Wrong master password. Check Caps Lock and the keyboard layout.',
  'code-expired': 'That code has expired, or its tries are used up. Send a new code.',
  'method-already-on': 'This method is on already.',
  'method-unavailable': 'Nothing is waiting for a code any more. Start again.',
  'signed-out': 'This device is not signed in to sync. Turn sync on or sign in first.',
  'server-misconfigured': 'The sync server is not set up to do this. Its operator must fix it.',
};

export function failureText(error: unknown, method?: EnrollableMethod): string {
  // A wrong authenticator code at set-up is nearly always a clock that is off, or an app that
  // scanned an older QR code: say so.
  if (method === 'totp' && isApiError(error, 'code-invalid')) {
    return 'That code is not the one expected. Enter the code the app shows now for this newest QR code, and check that the clocks of both devices are right.';
  }
  const own =
    isTesseraError(error) && Object.hasOwn(TEXT, error.code) ? TEXT[error.code as AccountFailureCode] : undefined;
  if (own && !isApiError(error, 'rate-limited') && !isApiError(error, 'code-invalid')) return own;
  return accountFailureText(error);
}

// A confirm step asks for a code and the master password: the wrong one gets the focus back.
export function isWrongPassword(error: unknown): boolean {
  return isApiError(error, 'credentials-invalid');
}

export function enabledSince(at: number | null): string {
  return at === null
    ? ''
    : `since ${new Date(at).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}`;
}
