import { openEnvelope } from '@tessera/core/crypto/envelope';
import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';
import { verifyTotp } from '@tessera/core/otp/verify';

// The key and associated data that open an authenticator secret's envelope, passed in by the
// worker (twofa/keys.ts), which holds TWOFA_SECRET_KEY; the object stores only the envelope.
export interface SealingKey {
  key: Uint8Array;
  aad: Uint8Array;
}

export type AuthenticatorVerdict =
  | { kind: 'right'; step: number }
  | { kind: 'used' }
  | { kind: 'wrong' }
  | { kind: 'unreadable' };

const OPTIONS = {
  window: TWO_FACTOR_RULES.authenticatorWindow,
  period: TWO_FACTOR_RULES.authenticatorPeriod,
  digits: TWO_FACTOR_RULES.authenticatorDigits,
  algorithm: 'SHA1',
} as const;

// RFC 6238 §5.2: one step either side, and a step once accepted is never accepted again (the
// caller stores the returned step). 'used' is a code that is right for a step already spent.
// 'unreadable': the envelope does not open, i.e. TWOFA_SECRET_KEY changed since enrolment.
export function checkAuthenticatorCode(
  sealed: ArrayBuffer,
  sealing: SealingKey,
  code: string,
  lastUsedStep: number | null,
  nowMs: number,
): AuthenticatorVerdict {
  let secret: Uint8Array;
  try {
    secret = openEnvelope(sealing.key, new Uint8Array(sealed), sealing.aad);
  } catch {
    return { kind: 'unreadable' };
  }
  try {
    const now = nowMs / 1000;
    const step = verifyTotp(secret, code, now, { ...OPTIONS, lastUsedStep: lastUsedStep ?? -1 });
    if (step !== null) return { kind: 'right', step };
    return lastUsedStep !== null && verifyTotp(secret, code, now, OPTIONS) !== null
      ? { kind: 'used' }
      : { kind: 'wrong' };
  } finally {
    secret.fill(0);
  }
}
