import { base32Decode } from '@tessera/core/otp/base32';
import {
  checkOtp,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  STEAM_DIGITS,
  STEAM_PERIOD,
  type Otp,
  type OtpAlgorithm,
  type OtpType,
} from '@tessera/core/otp/types';
import { parseOtpUri } from '@tessera/core/otp/uri';

// The editor's "setup key" entry: a base32 key with its settings, or a whole otpauth:// link
// pasted into the key box. Errors come from @tessera/core and name what is wrong.
export interface OtpDraft {
  key: string;
  issuer: string;
  account: string;
  type: OtpType;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  counter: number;
}

export const EMPTY_OTP_DRAFT: OtpDraft = {
  key: '',
  issuer: '',
  account: '',
  type: 'totp',
  algorithm: 'SHA1',
  digits: DEFAULT_DIGITS,
  period: DEFAULT_PERIOD,
  counter: 0,
};

/** The issuer and account of an otpauth:// (or steam://) link typed in the key box, or null
 *  when the box does not hold a readable link. */
export function linkNames(text: string): { issuer: string; account: string } | null {
  const key = text.trim();
  if (!/^(otpauth|steam):\/\//i.test(key)) return null;
  try {
    const otp = parseOtpUri(key);
    return { issuer: otp.issuer, account: otp.account };
  } catch {
    return null;
  }
}

export function otpFromDraft(draft: OtpDraft): Otp {
  const key = draft.key.trim();
  if (/^otpauth:\/\//i.test(key) || /^steam:\/\//i.test(key)) {
    const otp = parseOtpUri(key);
    // Names typed beside a link win over the link's own.
    return checkOtp({
      ...otp,
      issuer: draft.issuer.trim() || otp.issuer,
      account: draft.account.trim() || otp.account,
    });
  }
  if (key === '') throw new RangeError('Enter the setup key (or paste an otpauth:// link).');
  const steam = draft.type === 'steam';
  return checkOtp({
    type: draft.type,
    secret: base32Decode(key),
    algorithm: steam ? 'SHA1' : draft.algorithm,
    digits: steam ? STEAM_DIGITS : draft.digits,
    period: steam ? STEAM_PERIOD : draft.period,
    counter: draft.type === 'hotp' ? draft.counter : 0,
    issuer: draft.issuer.trim(),
    account: draft.account.trim(),
  });
}

/** Tags typed as "work, finance ,  2fa" → ["work", "finance", "2fa"]. */
export function parseTags(text: string): string[] {
  // "work, Work" is one tag (the list merges tags whatever their case): the first spelling stays.
  const tags = new Map<string, string>();
  for (const tag of text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const key = tag.toLocaleLowerCase();
    if (!tags.has(key)) tags.set(key, tag);
  }
  return [...tags.values()];
}
