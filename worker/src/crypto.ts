import { concatBytes, toBase64url, utf8Encode } from '@tessera/core/crypto/bytes';
import { randomBytes } from '@tessera/core/crypto/random';

// Web Crypto in workerd: SHA-256 and HMAC run natively, outside the isolate's JavaScript.

export async function sha256(...parts: (Uint8Array | string)[]): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined(parts)));
}

export function hmacSha256(key: string, ...parts: (Uint8Array | string)[]): Promise<Uint8Array> {
  return hmacWithKey(utf8Encode(key), ...parts);
}

// workerd's timingSafeEqual compares in time that depends only on the (public) length.
export function equalSecrets(a: Uint8Array | ArrayBuffer, b: Uint8Array | ArrayBuffer): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return crypto.subtle.timingSafeEqual(a, b);
}

export function randomSecret(bytes = 32): string {
  return toBase64url(randomBytes(bytes));
}

// A uniformly random decimal code: rejection sampling, because 2^32 is not a multiple of 10^6.
export function randomDigits(digits: number): string {
  const range = 10 ** digits;
  const limit = Math.floor(0x1_0000_0000 / range) * range;
  for (;;) {
    const [n] = crypto.getRandomValues(new Uint32Array(1));
    if (n !== undefined && n < limit) return String(n % range).padStart(digits, '0');
  }
}

function joined(parts: (Uint8Array | string)[]): Uint8Array {
  return concatBytes(...parts.map((p) => (typeof p === 'string' ? utf8Encode(p) : p)));
}

// HMAC under a key that is already bytes (a derived key rather than a configured string).
export async function hmacWithKey(key: Uint8Array, ...parts: (Uint8Array | string)[]): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, joined(parts)));
}

// RFC 5869 with an empty salt (§2.2: HashLen zero bytes), 32 bytes out.
export async function hkdfSha256(secret: Uint8Array, info: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8Encode(info) },
    key,
    256,
  );
  return new Uint8Array(bits);
}
