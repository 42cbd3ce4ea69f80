import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8Decode } from '../../src/crypto/bytes.ts';
import { sealEnvelope } from '../../src/crypto/envelope.ts';
import { itemAad, openItem, sealItem } from '../../src/crypto/item.ts';
import { randomBytes, randomId } from '../../src/crypto/random.ts';
import { createVaultKey } from '../../src/crypto/vault-key.ts';
import { ascii, expectCode, flipBit } from './helpers.ts';

const vaultKey = createVaultKey();
const vaultId = randomId();
const itemId = randomId();
const record = ascii(
  JSON.stringify({ title: 'Example', username: 'alice@example.com', otp: { secret: 'JBSWY3DPEHPK3PXP' }, rev: 3 }),
);

describe('item AAD', () => {
  it('is the label, then each id prefixed by its length in one byte', () => {
    expect(toHex(itemAad('ab', 'c'))).toBe(toHex(ascii('tessera v1 item ')) + '02' + '6162' + '01' + '63');
  });
  it('is injective: ids that concatenate alike still differ', () => {
    expect(toHex(itemAad('ab', 'c'))).not.toBe(toHex(itemAad('a', 'bc')));
  });
  it('refuses empty, overlong and non-string ids', () => {
    expectCode('invalid-input', () => itemAad('', itemId));
    expectCode('invalid-input', () => itemAad(vaultId, 'x'.repeat(256)));
    expectCode('invalid-input', () => itemAad(vaultId, 7 as unknown as string));
    expect(() => itemAad(vaultId, 'x'.repeat(255))).not.toThrow();
  });
});

describe('sealItem / openItem', () => {
  it('round-trips records of any size', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1200 }), (bytes) => {
        expect(toHex(openItem(vaultKey, vaultId, itemId, sealItem(vaultKey, vaultId, itemId, bytes)))).toBe(
          toHex(bytes),
        );
      }),
      { numRuns: 50 },
    );
    expect(utf8Decode(openItem(vaultKey, vaultId, itemId, sealItem(vaultKey, vaultId, itemId, record)))).toContain(
      'alice@example.com',
    );
  });
  it('hides the length within a 256-byte block', () => {
    const sizes = new Set<number>();
    for (let length = 0; length < 256; length++)
      sizes.add(sealItem(vaultKey, vaultId, itemId, new Uint8Array(length)).length);
    expect([...sizes]).toEqual([256 + 41]);
    expect(sealItem(vaultKey, vaultId, itemId, new Uint8Array(256))).toHaveLength(512 + 41);
  });

  const envelope = sealItem(vaultKey, vaultId, itemId, record);

  it('a wrong vault key is corrupt-item', () => {
    expectCode('corrupt-item', () => openItem(createVaultKey(), vaultId, itemId, envelope));
  });
  it('is bound to its vault and item: swapped, moved or renamed blobs do not open', () => {
    expectCode('corrupt-item', () => openItem(vaultKey, itemId, vaultId, envelope));
    expectCode('corrupt-item', () => openItem(vaultKey, randomId(), itemId, envelope));
    expectCode('corrupt-item', () => openItem(vaultKey, vaultId, randomId(), envelope));
    const ab = sealItem(vaultKey, 'ab', 'c', record);
    expectCode('corrupt-item', () => openItem(vaultKey, 'a', 'bc', ab));
  });
  it('every flipped bit is corrupt-item, except in the version byte, which is unsupported-version', () => {
    for (let bit = 0; bit < envelope.length * 8; bit += 5) {
      expectCode(bit < 8 ? 'unsupported-version' : 'corrupt-item', () =>
        openItem(vaultKey, vaultId, itemId, flipBit(envelope, bit)),
      );
    }
  });
  it('truncated or empty envelopes are corrupt-item', () => {
    for (const length of [0, 1, 25, 40, 41, envelope.length - 16, envelope.length - 1]) {
      expectCode('corrupt-item', () => openItem(vaultKey, vaultId, itemId, envelope.subarray(0, length)));
    }
  });
  it('an authenticated plaintext without valid padding is corrupt-item', () => {
    const unpadded = sealEnvelope(vaultKey, randomBytes(256), itemAad(vaultId, itemId));
    expectCode('corrupt-item', () => openItem(vaultKey, vaultId, itemId, unpadded));
  });
});
