import { expect } from 'vitest';
import { CryptoError, type CryptoErrorCode } from '../../src/crypto/errors.ts';

// Asserts the call throws a CryptoError with exactly this code (not just "throws something").
export function expectCode(code: CryptoErrorCode, run: () => unknown): void {
  let thrown: unknown;
  try {
    run();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected CryptoError '${code}'`).toBeInstanceOf(CryptoError);
  expect((thrown as CryptoError).code).toBe(code);
}

export async function expectCodeAsync(code: CryptoErrorCode, run: () => Promise<unknown>): Promise<void> {
  let thrown: unknown;
  try {
    await run();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected CryptoError '${code}'`).toBeInstanceOf(CryptoError);
  expect((thrown as CryptoError).code).toBe(code);
}

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7));
  return copy;
}

export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
