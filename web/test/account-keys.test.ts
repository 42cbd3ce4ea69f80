import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import { sameKdfChoice } from '../src/services/account-keys.ts';

// Sign-in derives the key with prelogin's salt and parameters and must store exactly those: a
// server that answers the sign-in with other ones would leave a vault the password cannot open.
describe('sameKdfChoice', () => {
  const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
  const prelogin = { salt, kdf: { ...DEFAULT_KDF } };

  it('accepts the same salt bytes and parameters in new objects', () => {
    expect(sameKdfChoice(prelogin, { salt: Uint8Array.from(salt), kdf: { ...DEFAULT_KDF } })).toBe(true);
  });

  it('refuses any other salt or parameter', () => {
    const otherSalt = Uint8Array.from(salt);
    otherSalt[15] = otherSalt[15]! ^ 1;
    expect(sameKdfChoice(prelogin, { salt: otherSalt, kdf: { ...DEFAULT_KDF } })).toBe(false);
    expect(sameKdfChoice(prelogin, { salt: salt.subarray(0, 15), kdf: { ...DEFAULT_KDF } })).toBe(false);
    expect(sameKdfChoice(prelogin, { salt, kdf: { ...DEFAULT_KDF, memoryKiB: DEFAULT_KDF.memoryKiB * 2 } })).toBe(
      false,
    );
    expect(sameKdfChoice(prelogin, { salt, kdf: { ...DEFAULT_KDF, iterations: DEFAULT_KDF.iterations + 1 } })).toBe(
      false,
    );
    expect(sameKdfChoice(prelogin, { salt, kdf: { ...DEFAULT_KDF, parallelism: DEFAULT_KDF.parallelism + 1 } })).toBe(
      false,
    );
  });
});
