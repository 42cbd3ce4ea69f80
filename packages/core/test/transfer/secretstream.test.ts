import { chacha20 } from '@noble/ciphers/chacha.js';
import { poly1305 } from '@noble/ciphers/_poly1305.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  hchacha20,
  SecretStreamPull,
  TAG_FINAL,
  TAG_MESSAGE,
  TAG_PUSH,
  TAG_REKEY,
} from '../../src/transfer/secretstream.ts';

// The reader of crypto_secretstream_xchacha20poly1305 (Ente Auth's encrypted export) against
// libsodium itself, and a writer built here from libsodium's secretstream_xchacha20poly1305.c
// whose output libsodium must open: the format is libsodium's, not a reading of it.

beforeAll(async () => {
  await sodium.ready;
});

// The writer, step by step as crypto_secretstream_xchacha20poly1305_push.
class Push {
  key: Uint8Array;
  nonce = new Uint8Array(12);
  constructor(key: Uint8Array, header: Uint8Array) {
    this.key = hchacha20(key, header.subarray(0, 16));
    this.nonce[0] = 1;
    this.nonce.set(header.subarray(16, 24), 4);
  }
  push(message: Uint8Array, ad: Uint8Array, tag: number): Uint8Array {
    const block = chacha20(this.key, this.nonce, new Uint8Array(64));
    const mac = poly1305.create(block.subarray(0, 32));
    mac.update(ad).update(new Uint8Array((0x10 - ad.length) & 0xf));
    const tagBlock = new Uint8Array(64);
    tagBlock[0] = tag;
    chacha20(this.key, this.nonce, tagBlock, tagBlock, 1);
    const c = chacha20(this.key, this.nonce, message, undefined, 2);
    mac
      .update(tagBlock)
      .update(c)
      .update(new Uint8Array((0x10 - 64 + message.length) & 0xf));
    const lengths = new Uint8Array(16);
    new DataView(lengths.buffer).setBigUint64(0, BigInt(ad.length), true);
    new DataView(lengths.buffer).setBigUint64(8, BigInt(64 + message.length), true);
    const tagOut = mac.update(lengths).digest();
    for (let i = 0; i < 8; i++) this.nonce[4 + i]! ^= tagOut[i]!;
    for (let i = 0; i < 4 && ++this.nonce[i]! === 256; i++) this.nonce[i] = 0;
    if ((tag & TAG_REKEY) !== 0) this.rekey();
    return Uint8Array.from([tagBlock[0]!, ...c, ...tagOut]);
  }
  private rekey(): void {
    const next = new Uint8Array(40);
    next.set(this.key);
    next.set(this.nonce.subarray(4), 32);
    chacha20(this.key, this.nonce, next, next);
    this.key = next.slice(0, 32);
    this.nonce.set(next.subarray(32), 4);
    this.nonce.fill(0, 0, 4);
    this.nonce[0] = 1;
  }
}

const message = fc.record({
  text: fc.uint8Array({ maxLength: 300 }),
  ad: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ maxLength: 40 })),
  tag: fc.constantFrom(TAG_MESSAGE, TAG_PUSH, TAG_REKEY),
});
const stream = fc.record({
  key: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  messages: fc.array(message, { minLength: 1, maxLength: 6 }),
});

describe('HChaCha20', () => {
  it('gives the draft-irtf-cfrg-xchacha-03 §2.2.1 test vector', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const input = hexToBytes('000000090000004a0000000031415927');
    expect(Buffer.from(hchacha20(key, input)).toString('hex')).toBe(
      '82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc',
    );
  });

  it('matches libsodium crypto_core_hchacha20', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (key, input) => {
          expect(hchacha20(key, input)).toEqual(sodium.crypto_core_hchacha20(input, key, null));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('secretstream pull', () => {
  it('opens what libsodium pushes: every message, tag and associated data, across rekeys', () => {
    fc.assert(
      fc.property(stream, ({ key, messages }) => {
        const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
        const pull = new SecretStreamPull(key, header);
        messages.forEach(({ text, ad, tag }, i) => {
          const last = i === messages.length - 1;
          const sealed = sodium.crypto_secretstream_xchacha20poly1305_push(
            state,
            text,
            ad.length === 0 ? null : ad,
            last ? TAG_FINAL : tag,
          );
          const opened = pull.pull(sealed, ad);
          expect(opened).not.toBeNull();
          expect(opened!.message).toEqual(text);
          expect(opened!.tag).toBe(last ? TAG_FINAL : tag);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('is opened by libsodium when written by the writer built from the spec', () => {
    fc.assert(
      fc.property(stream, fc.uint8Array({ minLength: 24, maxLength: 24 }), ({ key, messages }, header) => {
        const push = new Push(key, header);
        const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
        for (const { text, ad, tag } of messages) {
          const opened = sodium.crypto_secretstream_xchacha20poly1305_pull(
            state,
            push.push(text, ad, tag),
            ad.length === 0 ? null : ad,
          );
          expect(opened).not.toBe(false);
          expect((opened as { message: Uint8Array }).message).toEqual(text);
          expect((opened as { tag: number }).tag).toBe(tag);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses every flipped bit, a wrong key, wrong associated data and a cut-short message, and stays usable', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => 0x20 + i);
    const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
    const first = sodium.crypto_secretstream_xchacha20poly1305_push(
      state,
      sodium.from_string('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'),
      null,
      TAG_MESSAGE,
    );
    const second = sodium.crypto_secretstream_xchacha20poly1305_push(
      state,
      sodium.from_string('second'),
      null,
      TAG_FINAL,
    );
    const pull = new SecretStreamPull(key, header);
    for (let bit = 0; bit < first.length * 8; bit++) {
      const tampered = first.slice();
      tampered[bit >> 3]! ^= 1 << (bit & 7);
      expect(pull.pull(tampered)).toBeNull();
    }
    expect(pull.pull(first.subarray(0, 16))).toBeNull();
    expect(pull.pull(first, Uint8Array.of(1))).toBeNull();
    expect(
      new SecretStreamPull(
        key.map((b) => b ^ 1),
        header,
      ).pull(first),
    ).toBeNull();
    // Failed pulls left the state alone: the stream still opens in order.
    expect(new TextDecoder().decode(pull.pull(first)!.message)).toBe('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP');
    expect(pull.pull(second)).toEqual({ message: sodium.from_string('second'), tag: TAG_FINAL });
  });
});
