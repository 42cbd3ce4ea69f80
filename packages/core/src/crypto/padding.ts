import { isBytes } from './bytes.ts';
import { CryptoError } from './errors.ts';

// ISO/IEC 7816-4 padding: one 0x80 byte, then zeros up to the next multiple of the block. It is
// unambiguous for any content (the last non-zero byte is always the marker) and always adds at
// least one byte, so a 256-byte record pads to 512. Records of 0-255 bytes all become 256 bytes:
// the server learns a size class, not a length.
export const PADDING_BLOCK = 256;
const MAX_BLOCK = 65_536;

function checkBlock(block: number): void {
  if (!Number.isSafeInteger(block) || block < 1 || block > MAX_BLOCK) {
    throw new CryptoError('invalid-input', `Padding block must be an integer from 1 to ${MAX_BLOCK}`);
  }
}

export function paddedLength(length: number, block = PADDING_BLOCK): number {
  checkBlock(block);
  return (Math.floor(length / block) + 1) * block;
}

export function padPlaintext(bytes: Uint8Array, block = PADDING_BLOCK): Uint8Array {
  if (!isBytes(bytes)) throw new CryptoError('invalid-input', 'Plaintext must be bytes');
  const out = new Uint8Array(paddedLength(bytes.length, block));
  out.set(bytes);
  out[bytes.length] = 0x80;
  return out;
}

// Padding is checked only after the envelope authenticated, so these branches reveal nothing an
// attacker could not already compute: they catch a buggy or foreign writer, not a forger.
export function unpadPlaintext(bytes: Uint8Array, block = PADDING_BLOCK): Uint8Array {
  checkBlock(block);
  if (!isBytes(bytes) || bytes.length === 0 || bytes.length % block !== 0) {
    throw new CryptoError('bad-padding', 'Padded plaintext is not a whole number of blocks');
  }
  let end = bytes.length - 1;
  while (end >= 0 && bytes[end] === 0x00) end--;
  if (end < 0 || bytes[end] !== 0x80 || bytes.length - end > block) {
    throw new CryptoError('bad-padding', 'Padding is not ISO/IEC 7816-4');
  }
  return bytes.slice(0, end);
}
