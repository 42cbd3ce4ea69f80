import { chacha20, hchacha } from '@noble/ciphers/chacha.js';
import { poly1305 } from '@noble/ciphers/_poly1305.js';
import { u32 } from '@noble/ciphers/utils.js';
import { equalBytes, wipe } from '../crypto/bytes.ts';

// libsodium's crypto_secretstream_xchacha20poly1305, the reading side, on @noble primitives.
// Ente Auth seals its encrypted export with it (one message). Every step follows libsodium's
// src/libsodium/crypto_secretstream/xchacha20poly1305/secretstream_xchacha20poly1305.c; the
// tests check this code against libsodium itself, byte for byte, both ways.
//
// State: a 32-byte key k and a 12-byte ChaCha20 (RFC 8439) nonce = counter (4 bytes, little
// endian) || inonce (8 bytes). init_pull(key, header[24]): k = HChaCha20(key, header[0..16]),
// counter = 1, inonce = header[16..24]. A sealed message is
//   c[0] (encrypted tag) || c[1..1+mlen] (ciphertext) || mac (16)
// with the Poly1305 key from keystream block 0, the tag byte encrypted by block 1 and the message
// by blocks 2...; the MAC covers ad, padding, the whole 64-byte block holding the encrypted tag,
// the ciphertext, padding and the two 64-bit lengths.

export const SECRETSTREAM_KEY_BYTES = 32;
export const SECRETSTREAM_HEADER_BYTES = 24;
/** Bytes a message grows by: the tag byte and the 16-byte MAC. */
export const SECRETSTREAM_ABYTES = 17;
export const TAG_MESSAGE = 0x00;
export const TAG_PUSH = 0x01;
export const TAG_REKEY = 0x02;
export const TAG_FINAL = 0x03;

const SIGMA = u32(new TextEncoder().encode('expand 32-byte k'));
const ZERO_PAD = new Uint8Array(16);

/** HChaCha20 (draft-irtf-cfrg-xchacha §2.2): a 32-byte subkey from a key and 16 input bytes. */
export function hchacha20(key: Uint8Array, input: Uint8Array): Uint8Array {
  const out = new Uint32Array(8);
  hchacha(SIGMA, u32(key.slice()), u32(input.slice()), out);
  return new Uint8Array(out.buffer);
}

export class SecretStreamPull {
  private key: Uint8Array;
  // counter (4, little endian) || inonce (8)
  private readonly nonce = new Uint8Array(12);

  constructor(key: Uint8Array, header: Uint8Array) {
    if (key.length !== SECRETSTREAM_KEY_BYTES || header.length !== SECRETSTREAM_HEADER_BYTES) {
      throw new RangeError('secretstream needs a 32-byte key and a 24-byte header');
    }
    this.key = hchacha20(key, header.subarray(0, 16));
    this.resetCounter();
    this.nonce.set(header.subarray(16, 24), 4);
  }

  /** Opens the next message; null (and the state left as it was) when it does not authenticate. */
  pull(sealed: Uint8Array, ad: Uint8Array = new Uint8Array(0)): { message: Uint8Array; tag: number } | null {
    if (sealed.length < SECRETSTREAM_ABYTES) return null;
    const mlen = sealed.length - SECRETSTREAM_ABYTES;
    const block = chacha20(this.key, this.nonce, new Uint8Array(64));
    const mac = poly1305.create(block.subarray(0, 32));
    wipe(block);
    mac.update(ad).update(ZERO_PAD.subarray(0, (0x10 - ad.length) & 0xf));
    const tagBlock = new Uint8Array(64);
    tagBlock[0] = sealed[0]!;
    chacha20(this.key, this.nonce, tagBlock, tagBlock, 1);
    const tag = tagBlock[0]!;
    tagBlock[0] = sealed[0]!;
    const ciphertext = sealed.subarray(1, 1 + mlen);
    mac.update(tagBlock).update(ciphertext);
    // libsodium pads with (0x10 - 64 + mlen) & 0xf bytes here, which is mlen mod 16 (not the
    // RFC 8439 padding to a multiple of 16): the format is what libsodium computes.
    mac.update(ZERO_PAD.subarray(0, (0x10 - 64 + mlen) & 0xf));
    mac.update(le64(ad.length)).update(le64(64 + mlen));
    const expected = mac.digest();
    const stored = sealed.subarray(1 + mlen);
    if (!equalBytes(expected, stored)) return null;
    const message = chacha20(this.key, this.nonce, ciphertext, undefined, 2);
    for (let i = 0; i < 8; i++) this.nonce[4 + i]! ^= expected[i]!;
    this.incrementCounter();
    if ((tag & TAG_REKEY) !== 0 || this.counterIsZero()) this.rekey();
    return { message, tag };
  }

  // crypto_secretstream_xchacha20poly1305_rekey: k || inonce encrypted in place with the current state.
  private rekey(): void {
    const next = new Uint8Array(40);
    next.set(this.key);
    next.set(this.nonce.subarray(4), 32);
    chacha20(this.key, this.nonce, next, next);
    wipe(this.key);
    this.key = next.slice(0, 32);
    this.nonce.set(next.subarray(32), 4);
    wipe(next);
    this.resetCounter();
  }

  private resetCounter(): void {
    this.nonce.fill(0, 0, 4);
    this.nonce[0] = 1;
  }

  private incrementCounter(): void {
    for (let i = 0; i < 4; i++) {
      this.nonce[i] = (this.nonce[i]! + 1) & 0xff;
      if (this.nonce[i] !== 0) break;
    }
  }

  private counterIsZero(): boolean {
    return this.nonce[0] === 0 && this.nonce[1] === 0 && this.nonce[2] === 0 && this.nonce[3] === 0;
  }
}

function le64(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value), true);
  return out;
}
