import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/crypto/bytes.ts';
import { checkKdfParams, DEFAULT_KDF, deriveMasterKey, KDF_LIMITS, type KdfParams } from '../../src/crypto/kdf.ts';
import { expectCode, expectCodeAsync } from './helpers.ts';

// The cheapest parameters a client accepts: every derivation in this file uses them.
const FLOOR: KdfParams = { algorithm: 'argon2id', memoryKiB: KDF_LIMITS.minMemoryKiB, iterations: 2, parallelism: 1 };
const salt = new Uint8Array(16).fill(7);

describe('checkKdfParams', () => {
  it('accepts the default, the floor and the ceiling', () => {
    expect(checkKdfParams(DEFAULT_KDF)).toEqual({
      algorithm: 'argon2id',
      memoryKiB: 65536,
      iterations: 3,
      parallelism: 1,
    });
    // The default before 2026-12-07: every vault made then keeps opening.
    expect(checkKdfParams({ ...DEFAULT_KDF, parallelism: 4 })).toEqual({ ...DEFAULT_KDF, parallelism: 4 });
    expect(checkKdfParams(FLOOR)).toEqual(FLOOR);
    const ceiling = { algorithm: 'argon2id', memoryKiB: 1024 * 1024, iterations: 10, parallelism: 16 };
    expect(checkKdfParams(ceiling)).toEqual(ceiling);
  });
  it('returns only the known fields', () => {
    expect(checkKdfParams({ ...DEFAULT_KDF, extra: 'x' })).toEqual(DEFAULT_KDF);
  });
  it('refuses every value one step outside the limits, and every wrong type', () => {
    const bad: unknown[] = [
      { ...DEFAULT_KDF, memoryKiB: 19 * 1024 - 1 },
      { ...DEFAULT_KDF, memoryKiB: 1024 * 1024 + 1 },
      { ...DEFAULT_KDF, iterations: 1 },
      { ...DEFAULT_KDF, iterations: 11 },
      { ...DEFAULT_KDF, parallelism: 0 },
      { ...DEFAULT_KDF, parallelism: 17 },
      { ...DEFAULT_KDF, memoryKiB: 65536.5 },
      { ...DEFAULT_KDF, iterations: '3' },
      { ...DEFAULT_KDF, parallelism: Number.NaN },
      { ...DEFAULT_KDF, memoryKiB: Number.POSITIVE_INFINITY },
      { ...DEFAULT_KDF, algorithm: 'argon2i' },
      { memoryKiB: 65536, iterations: 3, parallelism: 4 },
      null,
      'argon2id',
      42,
    ];
    for (const params of bad) expectCode('kdf-params', () => checkKdfParams(params));
  });
});

describe('deriveMasterKey', () => {
  it('refuses hostile parameters before doing any work', async () => {
    const started = performance.now();
    // 4 TiB and a million passes: had they run, this test would never finish.
    await expectCodeAsync('kdf-params', () => deriveMasterKey('pw', salt, { ...DEFAULT_KDF, memoryKiB: 2 ** 32 }));
    await expectCodeAsync('kdf-params', () => deriveMasterKey('pw', salt, { ...DEFAULT_KDF, iterations: 1_000_000 }));
    await expectCodeAsync('kdf-params', () => deriveMasterKey('pw', salt, { ...DEFAULT_KDF, iterations: 1 }));
    expect(performance.now() - started).toBeLessThan(100);
  });
  it('requires a 16-byte salt and a non-empty string password', async () => {
    await expectCodeAsync('invalid-input', () => deriveMasterKey('', salt, FLOOR));
    await expectCodeAsync('invalid-input', () => deriveMasterKey('pw', new Uint8Array(15), FLOOR));
    await expectCodeAsync('invalid-input', () => deriveMasterKey('pw', new Uint8Array(17), FLOOR));
    await expectCodeAsync('invalid-input', () => deriveMasterKey(42 as unknown as string, salt, FLOOR));
  });
  it('normalises the password to NFKC, so every spelling of it opens the vault', async () => {
    const composed = await deriveMasterKey('caf\u00e9 \uff11', salt, FLOOR);
    const decomposed = await deriveMasterKey('cafe\u0301 1', salt, FLOOR);
    expect(composed).toHaveLength(32);
    expect(toHex(decomposed)).toBe(toHex(composed));
    expect(toHex(await deriveMasterKey('cafe 1', salt, FLOOR))).not.toBe(toHex(composed));
  });
  it('depends on the salt and reports start and end', async () => {
    const seen: number[] = [];
    const a = await deriveMasterKey('pw', salt, FLOOR, (f) => seen.push(f));
    const b = await deriveMasterKey('pw', new Uint8Array(16), FLOOR);
    expect(toHex(a)).not.toBe(toHex(b));
    expect(seen).toEqual([0, 1]);
  });
});
