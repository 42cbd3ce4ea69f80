import { describe, expect, it } from 'vitest';
import { concatBytes, toHex } from '../../src/crypto/bytes.ts';
import { sealEnvelope } from '../../src/crypto/envelope.ts';
import { itemAad } from '../../src/crypto/item.ts';
import { randomBytes } from '../../src/crypto/random.ts';
import {
  createVaultKey,
  rewrapVaultKey,
  unwrapVaultKey,
  VAULT_KEY_AAD,
  wrapVaultKey,
} from '../../src/crypto/vault-key.ts';
import { ascii, expectCode, flipBit } from './helpers.ts';

const kek = randomBytes(32);

describe('vault key', () => {
  it('is 32 fresh random bytes', () => {
    const a = createVaultKey();
    expect(a).toHaveLength(32);
    expect(toHex(a)).not.toBe(toHex(createVaultKey()));
    expect(toHex(VAULT_KEY_AAD)).toBe(toHex(ascii('tessera v1 vault-key')));
  });
  it('wraps into a 73-byte envelope and unwraps with the same kek', () => {
    const vaultKey = createVaultKey();
    const wrapped = wrapVaultKey(kek, vaultKey);
    expect(wrapped).toHaveLength(1 + 24 + 32 + 16);
    expect(toHex(unwrapVaultKey(kek, wrapped))).toBe(toHex(vaultKey));
  });
  it('a wrong kek, any flipped bit after the version, or a truncation reads as wrong-password', () => {
    const wrapped = wrapVaultKey(kek, createVaultKey());
    expectCode('wrong-password', () => unwrapVaultKey(randomBytes(32), wrapped));
    for (let bit = 8; bit < wrapped.length * 8; bit += 3)
      expectCode('wrong-password', () => unwrapVaultKey(kek, flipBit(wrapped, bit)));
    expectCode('wrong-password', () => unwrapVaultKey(kek, wrapped.subarray(0, 72)));
    expectCode('wrong-password', () => unwrapVaultKey(kek, new Uint8Array(0)));
    expectCode('unsupported-version', () => unwrapVaultKey(kek, flipBit(wrapped, 1)));
  });
  it('only opens under its own label: an item envelope of 32 bytes under the kek is refused', () => {
    const impostor = sealEnvelope(kek, createVaultKey(), itemAad('vault', 'item'));
    expectCode('wrong-password', () => unwrapVaultKey(kek, impostor));
  });
  it('refuses an authenticated payload that is not 32 bytes', () => {
    expectCode('corrupt-vault-key', () => unwrapVaultKey(kek, sealEnvelope(kek, new Uint8Array(31), VAULT_KEY_AAD)));
    expectCode('invalid-input', () => wrapVaultKey(kek, new Uint8Array(16)));
  });
  it('rewraps for a password change: the new kek opens the same vault key, the old one no longer does', () => {
    const vaultKey = createVaultKey();
    const newKek = randomBytes(32);
    const rewrapped = rewrapVaultKey(kek, newKek, wrapVaultKey(kek, vaultKey));
    expect(toHex(unwrapVaultKey(newKek, rewrapped))).toBe(toHex(vaultKey));
    expectCode('wrong-password', () => unwrapVaultKey(kek, rewrapped));
    expectCode('wrong-password', () => rewrapVaultKey(newKek, kek, wrapVaultKey(kek, vaultKey)));
  });
  it('a kek of the wrong size is a programming error, not a wrong password', () => {
    expectCode('invalid-input', () =>
      unwrapVaultKey(new Uint8Array(16), concatBytes(Uint8Array.of(1), new Uint8Array(72))),
    );
  });
});
