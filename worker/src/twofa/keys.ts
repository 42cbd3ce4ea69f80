import { utf8Encode } from '@tessera/core/crypto/bytes';
import { hkdfSha256, hmacWithKey } from '../crypto.ts';
import { type Env, isDevMode } from '../env.ts';
import { ApiError } from '../http/errors.ts';

// TWOFA_SECRET_KEY (docs/api.md, "Two-factor sign-in: what the server keeps"). Unlike vault data,
// an authenticator secret must be readable by the server, which computes the expected code from
// it; sealing it under a key that lives outside the database means a copy of the database alone
// reveals no secret, and keying the code hashes means it allows no offline guessing either.

// Local development gets a fixed key so `npm start` works out of the box; a deployment must set
// its own, or anyone could read the sealed secrets of a leaked database.
const DEV_TWOFA_SECRET_KEY = 'tessera development two-factor key (never used when DEV_MODE is off)';
// 32 bytes of UTF-8 at least: what `openssl rand -base64 32` (44 characters) comfortably gives.
export const TWOFA_SECRET_KEY_MIN_BYTES = 32;

export interface TwoFactorKeys {
  // XChaCha20-Poly1305 key of the envelopes that hold authenticator secrets.
  sealing: Uint8Array;
  // HMAC-SHA256 key of the stored hashes of emailed, texted and recovery codes.
  hashing: Uint8Array;
}

// Each derived key has its own label, so neither can stand in for the other.
export async function twoFactorKeys(env: Env): Promise<TwoFactorKeys> {
  const configured = env.TWOFA_SECRET_KEY ?? (isDevMode(env) ? DEV_TWOFA_SECRET_KEY : undefined);
  const secret = configured === undefined ? undefined : utf8Encode(configured);
  if (secret === undefined || secret.length < TWOFA_SECRET_KEY_MIN_BYTES) {
    throw new ApiError(
      'server-misconfigured',
      `This server has no usable TWOFA_SECRET_KEY (${TWOFA_SECRET_KEY_MIN_BYTES} bytes or more); its operator must set one`,
    );
  }
  const [sealing, hashing] = await Promise.all([
    hkdfSha256(secret, 'tessera v1 authenticator-secret key'),
    hkdfSha256(secret, 'tessera v1 code-hash key'),
  ]);
  secret.fill(0);
  return { sealing, hashing };
}

// The envelope's associated data names the account, so a sealed secret copied into another
// account's row does not open there.
export function authenticatorAad(account: string): Uint8Array {
  return utf8Encode(`tessera v1 authenticator-secret\0${account}`);
}

export type CodePurpose = 'signin-code' | 'enrolment-code' | 'recovery-code';

// HMAC(hashing key, label || account || code): a 6-digit code has too few values for a plain
// hash to hide it, but without the key no value can be tested at all. The account in the input
// makes equal codes of two accounts hash differently.
export function codeHash(
  keys: TwoFactorKeys,
  purpose: CodePurpose,
  account: string,
  code: string,
): Promise<Uint8Array> {
  return hmacWithKey(keys.hashing, `tessera v1 ${purpose}\0`, account, '\0', code);
}
