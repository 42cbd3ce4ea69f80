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

// ---- two-factor sign-in (docs/api.md, "Notices") ----

const CHANGE_PASSWORD =
  'If this was not you, someone knows your master password: change it now from a device that is signed in.';

// "2026-11-22 23:41 UTC": the server's clock, in the one time zone every reader can convert.
export function when(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function signInCodeEmail(to: string, code: string): Message {
  return {
    to,
    subject: `Tessera sign-in code: ${code}`,
    text: `Your Tessera sign-in code is ${code}. It expires in ${MINUTES} minutes.\n\n${CHANGE_PASSWORD}`,
  };
}

export function signInCodeSms(to: string, code: string): Message {
  return { to, subject: '', text: `Tessera sign-in code: ${code}. It expires in ${MINUTES} minutes. Do not share it.` };
}

export function confirmEmailCode(to: string, code: string): Message {
  return {
    to,
    subject: `Tessera code: ${code}`,
    text: `Your code to turn on sign-in codes by email for your Tessera account is ${code}. It expires in ${MINUTES} minutes.\n\nIf you did not ask for it, ignore this email.`,
  };
}

export function confirmPhoneCode(to: string, code: string): Message {
  return {
    to,
    subject: '',
    text: `Tessera code to confirm this phone number: ${code}. It expires in ${MINUTES} minutes.`,
  };
}

export function newDeviceSignedIn(to: string, deviceName: string, at: number): Message {
  return {
    to,
    subject: 'Tessera: new sign-in',
    text:
      `A new device signed in to your Tessera account on ${when(at)}. It calls itself “${deviceName}”.\n\n` +
      `If this was you, there is nothing to do. ${CHANGE_PASSWORD} Then end that device's session from the list of signed-in devices.`,
  };
}

export type TwoFactorChangeKind =
  | 'totp-on'
  | 'totp-off'
  | 'email-on'
  | 'email-off'
  | 'sms-on'
  | 'sms-off'
  | 'recovery-regenerated';

const CHANGES: Record<TwoFactorChangeKind, string> = {
  'totp-on': 'Sign-in with an authenticator app was turned on',
  'totp-off': 'Sign-in with an authenticator app was turned off',
  'email-on': 'Sign-in codes by email were turned on',
  'email-off': 'Sign-in codes by email were turned off',
  'sms-on': 'Sign-in codes by text message were turned on',
  'sms-off': 'Sign-in codes by text message were turned off',
  'recovery-regenerated': 'New recovery codes were made (the old ones no longer work)',
};

export function twoFactorChanged(to: string, change: TwoFactorChangeKind, stillOn: boolean, at: number): Message {
  const after = stillOn ? '' : '\n\nTwo-factor sign-in is now off: a password alone signs in to your account.';
  return {
    to,
    subject: 'Tessera: two-factor sign-in changed',
    text: `${CHANGES[change]} for your Tessera account on ${when(at)}.${after}\n\n${CHANGE_PASSWORD}`,
  };
}

export function recoveryCodeUsed(to: string, left: number, at: number): Message {
  const remaining =
    left === 0
      ? 'No recovery codes are left: make new ones in Settings > Security > Two-factor authentication.'
      : `${left} recovery ${left === 1 ? 'code is' : 'codes are'} left.`;
  return {
    to,
    subject: 'Tessera: a recovery code was used',
    text: `A recovery code was used to sign in to your Tessera account on ${when(at)}. ${remaining}\n\n${CHANGE_PASSWORD}`,
  };
}

export function repeatedWrongCodes(to: string, at: number): Message {
  return {
    to,
    subject: 'Tessera: repeated wrong sign-in codes',
    text:
      `Someone entered your master password correctly and then many wrong two-factor codes, up to ${when(at)}. ` +
      `Further tries now have to wait longer and longer.\n\n${CHANGE_PASSWORD}`,
  };
}

// A forgotten password reset with the recovery key (docs/api.md, "POST /api/v1/auth/recover").
export function passwordResetWithRecoveryKey(to: string, deviceName: string, at: number): Message {
  return {
    to,
    subject: 'Tessera: password reset with the recovery key',
    text:
      `The master password of your Tessera account was reset with its recovery key on ${when(at)}, from a device that calls itself “${deviceName}”. ` +
      'Every device was signed out and signs in again with the new password.\n\n' +
      'If this was not you, someone has your recovery key: sign in with the new password if you know it, make a new recovery key (Settings > Recovery key) and change the password.',
  };
}
