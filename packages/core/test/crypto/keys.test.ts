import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/crypto/bytes.ts';
import { AUTH_INFO, KEK_INFO, splitMasterKey } from '../../src/crypto/keys.ts';
import { ascii, expectCode } from './helpers.ts';
import rfc5869 from './vectors/hkdf-sha256-rfc5869.json' with { type: 'json' };

// An implementation independent of @noble/hashes: the platform's Web Crypto HKDF.
async function webCryptoHkdf(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', ikm as BufferSource, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: info as BufferSource },
    key,
    length * 8,
  );
  return new Uint8Array(bits);
}

describe('HKDF-SHA256: RFC 5869 Appendix A', () => {
  for (const v of rfc5869.tests) {
    it(`${v.name} on @noble/hashes and on Web Crypto`, async () => {
      const [ikm, salt, info] = [fromHex(v.ikm), fromHex(v.salt), fromHex(v.info)];
      // RFC 5869 §2.2: an absent salt is HashLen zeros, which is what splitMasterKey relies on.
      expect(toHex(hkdf(sha256, ikm, v.salt === '' ? undefined : salt, info, v.length))).toBe(v.okm);
      expect(toHex(await webCryptoHkdf(ikm, salt, info, v.length))).toBe(v.okm);
    });
  }
});

describe('splitMasterKey', () => {
  const masterKey = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');

  it('derives kek and authKey with the design labels, matching Web Crypto HKDF with no salt', async () => {
    expect(KEK_INFO).toBe('tessera v1 kek');
    expect(AUTH_INFO).toBe('tessera v1 auth');
    const { kek, authKey } = splitMasterKey(masterKey);
    expect(toHex(kek)).toBe(toHex(await webCryptoHkdf(masterKey, new Uint8Array(0), ascii(KEK_INFO), 32)));
    expect(toHex(authKey)).toBe(toHex(await webCryptoHkdf(masterKey, new Uint8Array(0), ascii(AUTH_INFO), 32)));
    expect(toHex(kek)).not.toBe(toHex(authKey));
  });
  it('refuses a master key that is not 32 bytes', () => {
    expectCode('invalid-input', () => splitMasterKey(new Uint8Array(31)));
    expectCode('invalid-input', () => splitMasterKey('key' as unknown as Uint8Array));
  });
});
