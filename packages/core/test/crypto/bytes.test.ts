import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalBytes, fromBase64url, fromHex, toBase64url, toHex, utf8Decode, wipe } from '../../src/crypto/bytes.ts';
import { randomBytes, randomId } from '../../src/crypto/random.ts';
import { expectCode } from './helpers.ts';

describe('equalBytes', () => {
  it('is true only for the same length and contents', () => {
    expect(equalBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(equalBytes(new Uint8Array(0), new Uint8Array(0))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(equalBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(false);
    expect(equalBytes(Uint8Array.of(0x80), Uint8Array.of(0x00))).toBe(false);
  });
  it('agrees with element-wise comparison on random inputs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        const same = a.length === b.length && a.every((x, i) => x === b[i]);
        expect(equalBytes(a, b)).toBe(same);
        expect(equalBytes(a, a.slice())).toBe(true);
      }),
    );
  });
});

describe('hex', () => {
  it('round-trips and accepts either case', () => {
    expect(toHex(Uint8Array.of(0x00, 0xab, 0xff))).toBe('00abff');
    expect(fromHex('00ABff')).toEqual(Uint8Array.of(0x00, 0xab, 0xff));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(fromHex(toHex(bytes))).toEqual(bytes);
      }),
    );
  });
  it('refuses anything that is not an even run of hex digits', () => {
    for (const bad of ['0', 'abc', '0x00', 'zz', '00 11', 'ä0']) expectCode('invalid-encoding', () => fromHex(bad));
  });
});

describe('base64url', () => {
  it('matches RFC 4648 §10 test vectors in the url alphabet without padding', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, encoded] of cases) {
      expect(toBase64url(new TextEncoder().encode(text))).toBe(encoded);
      expect(utf8Decode(fromBase64url(encoded))).toBe(text);
    }
    expect(toBase64url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
  });
  it('round-trips random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(fromBase64url(toBase64url(bytes))).toEqual(bytes);
      }),
    );
  });
  it('refuses padding, the standard alphabet, impossible lengths and non-canonical last characters', () => {
    for (const bad of ['Zg==', 'Zm9v+g', 'ab/c', 'A', 'AAAAA', 'Zh', 'Zm9'])
      expectCode('invalid-encoding', () => fromBase64url(bad));
  });
});

describe('random', () => {
  it('randomId is 22 url-safe characters carrying 16 fresh bytes', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = randomId();
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(fromBase64url(id)).toHaveLength(16);
      ids.add(id);
    }
    expect(ids.size).toBe(200);
  });
  it('randomBytes gives the asked length and refuses impossible ones', () => {
    expect(randomBytes(0)).toHaveLength(0);
    expect(randomBytes(24)).toHaveLength(24);
    for (const bad of [-1, 1.5, Number.NaN, 65_537]) expectCode('invalid-input', () => randomBytes(bad));
  });
  it('wipe zeroes every buffer it is given', () => {
    const a = Uint8Array.of(1, 2, 3);
    const b = Uint8Array.of(4);
    wipe(a, b);
    expect([...a, ...b]).toEqual([0, 0, 0, 0]);
  });
});
