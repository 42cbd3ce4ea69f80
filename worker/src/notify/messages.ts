import { ACCOUNT_RULES } from '@tessera/core/sync/limits';
import type { Message } from './notifier.ts';

const MINUTES = ACCOUNT_RULES.codeLifetimeSeconds / 60;

export function registrationCode(to: string, code: string): Message {
  return {
    to,
    subject: `Tessera verification code: ${code}`,
    text: `Your Tessera verification code is ${code}. It expires in ${MINUTES} minutes.\n\nIf you did not ask to create a Tessera account, ignore this email.`,
  };
}

export function registrationForExistingAccount(to: string): Message {
  return {
    to,
    subject: 'Tessera: sign-up attempt for your address',
    text:
      'Someone asked to create a Tessera account with this email address, which already has one. ' +
      'No code was sent and nothing changed.\n\nIf it was you, sign in with your master password instead.',
  };
}
