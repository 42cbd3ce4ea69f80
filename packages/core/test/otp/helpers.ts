import { hexToBytes } from '@noble/hashes/utils.js';
import { base32Decode } from '../../src/otp/base32.ts';
import type { Otp, OtpAlgorithm, OtpType } from '../../src/otp/types.ts';

/** An Otp as the JSON vector files write it: the secret as hex or base32. */
export interface OtpVector {
  type: string;
  secretHex?: string;
  secretBase32?: string;
  algorithm: string;
  digits: number;
  period: number;
  counter: number;
  issuer: string;
  account: string;
}

export function otpFromVector(v: OtpVector): Otp {
  const secret = v.secretHex !== undefined ? hexToBytes(v.secretHex) : base32Decode(v.secretBase32 ?? '');
  return {
    type: v.type as OtpType,
    secret,
    algorithm: v.algorithm as OtpAlgorithm,
    digits: v.digits,
    period: v.period,
    counter: v.counter,
    issuer: v.issuer,
    account: v.account,
  };
}

/** Annotated byte listings ([hex, meaning] pairs) joined into bytes. */
export function bytesFromListing(listing: readonly (readonly string[])[]): Uint8Array {
  return hexToBytes(listing.map(([hex]) => (hex ?? '').replace(/\s+/g, '')).join(''));
}

export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
