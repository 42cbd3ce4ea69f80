import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/crypto/bytes.ts';
import { padPlaintext, paddedLength, unpadPlaintext } from '../../src/crypto/padding.ts';
import { expectCode } from './helpers.ts';

describe('ISO/IEC 7816-4 padding to 256-byte blocks', () => {
  it('appends 0x80 then zeros up to the next whole block, always at least one byte', () => {
    expect(toHex(padPlaintext(Uint8Array.of(0xaa), 4))).toBe('aa800000');
    expect(toHex(padPlaintext(Uint8Array.of(1, 2, 3, 4), 4))).toBe('0102030480000000');
    expect(padPlaintext(new Uint8Array(0))).toHaveLength(256);
    expect(padPlaintext(new Uint8Array(255))).toHaveLength(256);
    expect(padPlaintext(new Uint8Array(256))).toHaveLength(512);
    expect(paddedLength(300)).toBe(512);
  });
  it('round-trips any content, including trailing zero and 0x80 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), fc.integer({ min: 1, max: 300 }), (bytes, block) => {
        const padded = padPlaintext(bytes, block);
        expect(padded.length % block).toBe(0);
        expect(toHex(unpadPlaintext(padded, block))).toBe(toHex(bytes));
      }),
    );
    expect(toHex(unpadPlaintext(padPlaintext(Uint8Array.of(0x80, 0x00))))).toBe('8000');
  });
  it('refuses anything a correct writer could not have produced', () => {
    const good = padPlaintext(Uint8Array.of(1, 2, 3));
    const noMarker = new Uint8Array(256);
    const junkAfterMarker = good.slice();
    junkAfterMarker[255] = 1;
    const wrongMarker = good.slice();
    wrongMarker[3] = 0x81;
    const extraBlock = new Uint8Array(512);
    extraBlock[0] = 0x80;
    for (const bad of [new Uint8Array(0), noMarker, junkAfterMarker, wrongMarker, good.subarray(0, 255), extraBlock]) {
      expectCode('bad-padding', () => unpadPlaintext(bad));
    }
    expectCode('invalid-input', () => padPlaintext(new Uint8Array(1), 0));
    expectCode('invalid-input', () => padPlaintext([1, 2] as unknown as Uint8Array));
  });
});
