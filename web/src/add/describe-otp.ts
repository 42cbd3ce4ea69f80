import type { Otp } from '@tessera/core/otp/types';

// How an OTP's settings read in a preview: "TOTP · 6 digits · every 30 s · SHA1".
export function otpKindLabel(otp: Otp): string {
  switch (otp.type) {
    case 'totp':
      return 'Time-based (TOTP)';
    case 'hotp':
      return 'Counter-based (HOTP)';
    case 'steam':
      return 'Steam Guard';
  }
}

export function otpSettingsLabel(otp: Otp): string {
  switch (otp.type) {
    case 'totp':
      return `${otp.digits} digits · every ${otp.period} s · ${otp.algorithm}`;
    case 'hotp':
      return `${otp.digits} digits · counter ${otp.counter} · ${otp.algorithm}`;
    case 'steam':
      return `${otp.digits} characters · every ${otp.period} s`;
  }
}

/** Issuer and account for a list line, never empty. */
export function otpTitle(otp: Otp): string {
  return otp.issuer.trim() || otp.account.trim() || 'Unnamed account';
}

/** Same secret and kind: the entry is already in the vault, importing it again would duplicate it. */
export function sameOtp(a: Otp, b: Otp): boolean {
  if (a.type !== b.type || a.secret.length !== b.secret.length) return false;
  for (let i = 0; i < a.secret.length; i++) if (a.secret[i] !== b.secret[i]) return false;
  return true;
}
