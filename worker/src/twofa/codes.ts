import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';
import { formatRecoveryCode, generateRecoveryCode } from '@tessera/core/sync/recovery-code';
import { randomDigits } from '../crypto.ts';
import { codeHash, type TwoFactorKeys } from './keys.ts';

export function newCode(): string {
  return randomDigits(TWO_FACTOR_RULES.codeDigits);
}

// A fresh set: the codes to show once (`xxxxx-xxxxx`) and the keyed hashes to store.
export async function newRecoveryCodes(
  keys: TwoFactorKeys,
  account: string,
): Promise<{ shown: string[]; hashes: Uint8Array[] }> {
  const codes = Array.from({ length: TWO_FACTOR_RULES.recoveryCodeCount }, generateRecoveryCode);
  const hashes = await Promise.all(codes.map((code) => codeHash(keys, 'recovery-code', account, code)));
  return { shown: codes.map(formatRecoveryCode), hashes };
}

// "a•••@example.com": the first character and the domain, enough for the owner to recognise.
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

// "+•••••••••23": enough for the owner to tell which phone to look at, little for anyone else.
export function maskPhone(phone: string): string {
  return `+${'•'.repeat(phone.length - 3)}${phone.slice(-2)}`;
}
