import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argon2id as hashWasmArgon2id } from 'hash-wasm';
import { argon2idEngine, argon2idHash } from '../../src/crypto/argon2.ts';
import { fromHex, toHex } from '../../src/crypto/bytes.ts';
import { ascii, expectCodeAsync } from './helpers.ts';
import phc from './vectors/argon2id-phc-reference.json' with { type: 'json' };
import rfc9106 from './vectors/argon2id-rfc9106.json' with { type: 'json' };

// Cases above 256 KiB run in argon2.slow.test.ts.
const SMALL = 256;

describe('Argon2id on hash-wasm: phc-winner-argon2 reference vectors (no secret, no associated data)', () => {
  for (const v of phc.tests.filter((t) => t.memoryKiB <= SMALL)) {
    it(`t=${v.iterations} m=${v.memoryKiB} p=${v.parallelism} ${v.password}/${v.salt}`, async () => {
      const cost = { memoryKiB: v.memoryKiB, iterations: v.iterations, parallelism: v.parallelism };
      expect(toHex(await argon2idHash(ascii(v.password), ascii(v.salt), cost))).toBe(v.hash);
      // Twin: the same cost with a one-character change must not give the reference hash.
      expect(toHex(await argon2idHash(ascii(`${v.password}!`), ascii(v.salt), cost))).not.toBe(v.hash);
    });
  }
});

describe('Argon2id on @noble/hashes: RFC 9106 §5.3 (with secret and associated data)', () => {
  // hash-wasm has no associated-data input, so the RFC's own vector is checked on the second
  // implementation, which is then cross-checked against hash-wasm below.
  for (const v of rfc9106.tests) {
    it('gives the RFC tag', () => {
      const tag = nobleArgon2id(fromHex(v.password), fromHex(v.salt), {
        t: v.iterations,
        m: v.memoryKiB,
        p: v.parallelism,
        dkLen: v.tagLength,
        version: v.version,
        key: fromHex(v.secret),
        personalization: fromHex(v.associatedData),
      });
      expect(toHex(tag)).toBe(v.tag);
    });
  }
});

describe('hash-wasm and @noble/hashes agree', () => {
  it('on random passwords, salts and small costs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.uint8Array({ minLength: 8, maxLength: 32 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 56 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 4, max: 64 }),
        async (password, salt, parallelism, extraMemory, iterations, length) => {
          const memoryKiB = 8 * parallelism + extraMemory;
          const ours = await argon2idHash(password, salt, { memoryKiB, iterations, parallelism }, length);
          const theirs = nobleArgon2id(password, salt, { t: iterations, m: memoryKiB, p: parallelism, dkLen: length });
          expect(toHex(ours)).toBe(toHex(theirs));
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('libsodium.js (one lane, 16-byte salt) gives the bytes hash-wasm and @noble/hashes give', () => {
  it('takes the calls that fit it, and only those', () => {
    const salt = new Uint8Array(16);
    const cost = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 };
    expect(argon2idEngine(salt, cost, 32)).toBe('libsodium');
    expect(argon2idEngine(salt, { ...cost, parallelism: 4 }, 32)).toBe('hash-wasm');
    expect(argon2idEngine(new Uint8Array(8), cost, 32)).toBe('hash-wasm');
    expect(argon2idEngine(salt, cost, 15)).toBe('hash-wasm');
  });
  it('on random passwords, costs and lengths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 128 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 8, max: 300 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 16, max: 64 }),
        async (password, salt, memoryKiB, iterations, length) => {
          const cost = { memoryKiB, iterations, parallelism: 1 };
          expect(argon2idEngine(salt, cost, length)).toBe('libsodium');
          const ours = toHex(await argon2idHash(password, salt, cost, length));
          const wasm = await hashWasmArgon2id({
            password,
            salt,
            iterations,
            parallelism: 1,
            memorySize: memoryKiB,
            hashLength: length,
            outputType: 'hex',
          });
          expect(ours).toBe(wasm);
          expect(ours).toBe(toHex(nobleArgon2id(password, salt, { t: iterations, m: memoryKiB, p: 1, dkLen: length })));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('argon2idHash input checks (RFC 9106 §3.1 limits, and no empty password)', () => {
  const cost = { memoryKiB: 64, iterations: 1, parallelism: 1 };
  it('refuses an empty password, a salt under 8 bytes and a memory under 8 blocks per lane', async () => {
    await expectCodeAsync('invalid-input', () => argon2idHash(ascii('pw'), ascii('short'), cost));
    await expectCodeAsync('invalid-input', () => argon2idHash(new Uint8Array(0), ascii('somesalt'), cost));
    await expectCodeAsync('kdf-params', () =>
      argon2idHash(ascii('pw'), ascii('somesalt'), { ...cost, memoryKiB: 15, parallelism: 2 }),
    );
    await expectCodeAsync('kdf-params', () => argon2idHash(ascii('pw'), ascii('somesalt'), { ...cost, iterations: 0 }));
    await expectCodeAsync('kdf-params', () =>
      argon2idHash(ascii('pw'), ascii('somesalt'), { ...cost, parallelism: 0 }),
    );
    await expectCodeAsync('invalid-input', () => argon2idHash(ascii('pw'), ascii('somesalt'), cost, 3));
  });
});
