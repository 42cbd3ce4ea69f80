import { base64urlnopad, hex } from '@scure/base';
import { CryptoError } from './errors.ts';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

// Compares in time that depends only on the lengths, which are public (tags, hashes, codes),
// so a timing observer learns nothing about where two secrets first differ.
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (!isBytes(a) || !isBytes(b) || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

// Overwrites buffers that held keys or plaintext once they are no longer needed. JavaScript gives
// no guarantee that no copy survives elsewhere, but the buffers we own do not linger.
export function wipe(...buffers: Uint8Array[]): void {
  for (const buffer of buffers) buffer.fill(0);
}

export function utf8Encode(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new CryptoError('invalid-encoding', 'Bytes are not valid UTF-8');
  }
}

export function toHex(bytes: Uint8Array): string {
  if (!isBytes(bytes)) throw new CryptoError('invalid-input', 'toHex expects a Uint8Array');
  return hex.encode(bytes);
}

// Accepts upper- and lowercase digits; anything else (odd length, spaces, 0x prefix) is refused.
export function fromHex(text: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new CryptoError('invalid-encoding', 'Not a hex string: expected an even number of 0-9a-f digits');
  }
  return hex.decode(text.toLowerCase());
}

// RFC 4648 §5 alphabet, without padding: the form used for ids and in URLs.
export function toBase64url(bytes: Uint8Array): string {
  if (!isBytes(bytes)) throw new CryptoError('invalid-input', 'toBase64url expects a Uint8Array');
  return base64urlnopad.encode(bytes);
}

export function fromBase64url(text: string): Uint8Array {
  // A length of 1 mod 4 cannot come from whole bytes; '=' padding is not part of the form we write.
  if (typeof text !== 'string' || text.length % 4 === 1 || !/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new CryptoError('invalid-encoding', 'Not unpadded base64url text');
  }
  try {
    return base64urlnopad.decode(text);
  } catch {
    // Non-zero leftover bits in the last character: a second spelling of the same bytes.
    throw new CryptoError('invalid-encoding', 'Not canonical base64url text');
  }
}
