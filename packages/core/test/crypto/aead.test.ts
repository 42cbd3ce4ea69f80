import { describe, expect, it } from 'vitest';
import { aeadOpen, aeadSeal } from '../../src/crypto/aead.ts';
import { concatBytes, fromHex, toHex } from '../../src/crypto/bytes.ts';
import { expectCode, flipBit } from './helpers.ts';
import draft from './vectors/xchacha20poly1305-draft.json' with { type: 'json' };
import wycheproof from './vectors/xchacha20poly1305-wycheproof.json' with { type: 'json' };

describe('XChaCha20-Poly1305: draft-irtf-cfrg-xchacha-03 A.3.1', () => {
  for (const v of draft.tests) {
    const [key, nonce, aad, plaintext] = [fromHex(v.key), fromHex(v.nonce), fromHex(v.aad), fromHex(v.plaintext)];
    const sealed = fromHex(v.ciphertext + v.tag);

    it('seals to the draft ciphertext and tag, and opens back', () => {
      expect(toHex(aeadSeal(key, nonce, plaintext, aad))).toBe(v.ciphertext + v.tag);
      expect(toHex(aeadOpen(key, nonce, sealed, aad))).toBe(v.plaintext);
    });
    it('twins: any flipped bit of ciphertext, tag, AAD, nonce or key does not authenticate', () => {
      for (let bit = 0; bit < sealed.length * 8; bit += 7) {
        expectCode('does-not-authenticate', () => aeadOpen(key, nonce, flipBit(sealed, bit), aad));
      }
      for (let bit = 0; bit < aad.length * 8; bit++)
        expectCode('does-not-authenticate', () => aeadOpen(key, nonce, sealed, flipBit(aad, bit)));
      for (let bit = 0; bit < 24 * 8; bit += 5)
        expectCode('does-not-authenticate', () => aeadOpen(key, flipBit(nonce, bit), sealed, aad));
      for (let bit = 0; bit < 32 * 8; bit += 5)
        expectCode('does-not-authenticate', () => aeadOpen(flipBit(key, bit), nonce, sealed, aad));
    });
  }
});

describe(`XChaCha20-Poly1305: Wycheproof (${wycheproof.numberOfTests} cases, invalid ones included)`, () => {
  for (const group of wycheproof.testGroups) {
    for (const t of group.tests) {
      const [key, iv, aad, msg] = [fromHex(t.key), fromHex(t.iv), fromHex(t.aad), fromHex(t.msg)];
      const sealed = concatBytes(fromHex(t.ct), fromHex(t.tag));
      const name = `tcId ${t.tcId} ${t.flags.join(',')} ${t.comment}`.trim();

      if (t.result === 'valid') {
        it(`${name}: seals and opens; its tampered twin does not`, () => {
          expect(toHex(aeadSeal(key, iv, msg, aad))).toBe(t.ct + t.tag);
          expect(toHex(aeadOpen(key, iv, sealed, aad))).toBe(t.msg);
          expectCode('does-not-authenticate', () => aeadOpen(key, iv, flipBit(sealed, sealed.length * 8 - 1), aad));
          expectCode('does-not-authenticate', () => aeadOpen(key, iv, flipBit(sealed, 0), aad));
        });
      } else if (t.flags.includes('InvalidNonceSize')) {
        it(`${name}: refused as invalid input`, () => {
          expectCode('invalid-input', () => aeadOpen(key, iv, sealed, aad));
          expectCode('invalid-input', () => aeadSeal(key, iv, msg, aad));
        });
      } else {
        // The comment names the genuine tag; it must open, so the refusal is down to the modified tag.
        const genuineTag = /expected tag:([0-9a-f]{32})/.exec(t.comment)?.[1] ?? '';
        it(`${name}: does not authenticate, while the genuine tag does`, () => {
          expectCode('does-not-authenticate', () => aeadOpen(key, iv, sealed, aad));
          expect(toHex(aeadOpen(key, iv, concatBytes(fromHex(t.ct), fromHex(genuineTag)), aad))).toBe(t.msg);
        });
      }
    }
  }
});

describe('aead input checks', () => {
  it('refuses wrong key sizes and a sealed input shorter than a tag', () => {
    const nonce = new Uint8Array(24);
    expectCode('invalid-input', () => aeadSeal(new Uint8Array(16), nonce, new Uint8Array(1), new Uint8Array(0)));
    expectCode('invalid-input', () => aeadOpen(new Uint8Array(33), nonce, new Uint8Array(16), new Uint8Array(0)));
    expectCode('does-not-authenticate', () =>
      aeadOpen(new Uint8Array(32), nonce, new Uint8Array(15), new Uint8Array(0)),
    );
  });
});
