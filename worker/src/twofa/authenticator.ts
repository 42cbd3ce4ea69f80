import { sealEnvelope } from '@tessera/core/crypto/envelope';
import { randomBytes } from '@tessera/core/crypto/random';
import { base32Encode } from '@tessera/core/otp/base32';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';
import type { AuthenticatorEnrolment } from '@tessera/core/sync/two-factor';
import type { SealingKey } from '../account/authenticator.ts';
import { authenticatorAad, type TwoFactorKeys } from './keys.ts';

const R = TWO_FACTOR_RULES;

export function sealingKey(keys: TwoFactorKeys, account: string): SealingKey {
  return { key: keys.sealing, aad: authenticatorAad(account) };
}

// A new secret for the authenticator app, and its envelope for storage. The plain secret goes
// back to the user once, in the enrolment answer, and is never stored.
export function newAuthenticatorSecret(
  keys: TwoFactorKeys,
  account: string,
): { secret: Uint8Array; sealed: Uint8Array } {
  const secret = randomBytes(R.authenticatorSecretBytes);
  const { key, aad } = sealingKey(keys, account);
  return { secret, sealed: sealEnvelope(key, secret, aad) };
}

// Google's Key Uri Format: otpauth://totp/Tessera:<email>?secret=...&issuer=Tessera&... with
// every parameter explicit, so any authenticator app reads it alike.
export function authenticatorEnrolment(secret: Uint8Array, email: string): AuthenticatorEnrolment {
  return {
    secret: base32Encode(secret),
    uri: formatOtpUri({
      type: 'totp',
      secret,
      algorithm: 'SHA1',
      digits: R.authenticatorDigits,
      period: R.authenticatorPeriod,
      counter: 0,
      issuer: R.authenticatorIssuer,
      account: email,
    }),
  };
}
