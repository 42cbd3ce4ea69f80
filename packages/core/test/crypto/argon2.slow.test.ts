// Slow: Argon2id at 64 and 256 MiB. Runs in the normal suite (a few seconds in all) but kept apart
// so the fast files stay fast; `pnpm exec vitest run test/crypto --exclude '**/*.slow.test.ts'`
// skips it.
import { argon2idAsync as nobleArgon2idAsync } from '@noble/hashes/argon2.js';
import { describe, expect, it } from 'vitest';
import { argon2idHash } from '../../src/crypto/argon2.ts';
import { fromHex, toHex } from '../../src/crypto/bytes.ts';
import { DEFAULT_KDF, deriveMasterKey, passwordBytes } from '../../src/crypto/kdf.ts';
import { ascii } from './helpers.ts';
import phc from './vectors/argon2id-phc-reference.json' with { type: 'json' };
import example from './vectors/vault-format-example.json' with { type: 'json' };

const TIMEOUT = 60_000;

describe('Argon2id on hash-wasm: phc-winner-argon2 reference vectors above 256 KiB', () => {
  for (const v of phc.tests.filter((t) => t.memoryKiB > 256)) {
    it(`t=${v.iterations} m=${v.memoryKiB} p=${v.parallelism} ${v.password}/${v.salt}`, {
      timeout: TIMEOUT,
    }, async () => {
      const cost = { memoryKiB: v.memoryKiB, iterations: v.iterations, parallelism: v.parallelism };
      expect(toHex(await argon2idHash(ascii(v.password), ascii(v.salt), cost))).toBe(v.hash);
    });
  }
});

describe('deriveMasterKey at DEFAULT_KDF (the one default-parameter derivation)', () => {
  it('gives the worked example master key, and @noble/hashes agrees', { timeout: TIMEOUT }, async () => {
    const salt = fromHex(example.salt);
    const ours = await deriveMasterKey(example.password, salt, DEFAULT_KDF);
    expect(toHex(ours)).toBe(example.masterKey);
    const theirs = await nobleArgon2idAsync(passwordBytes(example.password), salt, {
      t: DEFAULT_KDF.iterations,
      m: DEFAULT_KDF.memoryKiB,
      p: DEFAULT_KDF.parallelism,
      dkLen: 32,
    });
    expect(toHex(theirs)).toBe(example.masterKey);
  });
});
