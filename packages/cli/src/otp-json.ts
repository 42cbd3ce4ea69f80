import { base32Encode } from '@tessera/core/otp/base32';
import type { Otp } from '@tessera/core/otp/types';
import { formatOtpUri } from '@tessera/core/otp/uri';

/** The normal form of an otp as the CLI prints it: every field, the secret in base32, and its otpauth:// URI. */
export function otpJson(otp: Otp) {
  return {
    type: otp.type,
    issuer: otp.issuer,
    account: otp.account,
    secret: base32Encode(otp.secret),
    algorithm: otp.algorithm,
    digits: otp.digits,
    period: otp.period,
    counter: otp.counter,
    uri: formatOtpUri(otp),
  };
}

export function otpLabel(otp: Otp): string {
  return [otp.issuer, otp.account].filter((s) => s !== '').join(': ');
}
