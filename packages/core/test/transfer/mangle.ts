import fc from 'fast-check';
import { expect } from 'vitest';
import { checkOtp } from '../../src/otp/types.ts';
import type { ImportFormat, ImportResult } from '../../src/transfer/types.ts';
import { checkRecordInput } from '../../src/vault/input.ts';

// Random damage for the fuzz tests: cut, flipped, overwritten, inserted and deleted bytes, the
// inserted ones often tokens that change what JSON or a URI means.

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number };

// Tokens that change what JSON and URIs mean, not just what they say.
const TOKENS = [
  '"',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '\\',
  'null',
  'true',
  '-1',
  '1e999',
  '0.5',
  '%',
  '%FF',
  '?',
  '&',
  '=',
  '\n',
  '"__proto__":{}',
  '""',
].map((t) => new TextEncoder().encode(t));

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.constantFrom(...TOKENS)),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

export function mangle(bytes: Uint8Array, list: readonly Mutation[]): Uint8Array {
  let out = bytes;
  for (const m of list) {
    const at = m.at % (out.length + 1);
    if (m.kind === 'truncate') out = out.slice(0, at);
    else if (m.kind === 'insert') out = Uint8Array.from([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
    else if (m.kind === 'delete') out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + m.length)]);
    else if (at < out.length) {
      out = out.slice();
      out[at] = m.kind === 'flip' ? out[at]! ^ (1 << m.bit) : m.value;
    }
  }
  return out;
}

/** Checks the one promise an importer makes about its output. */
export function checkResult(result: ImportResult, format: ImportFormat): void {
  expect(result.format).toBe(format);
  for (const entry of result.entries) {
    if (entry.otp !== null) checkOtp(entry.otp);
    checkRecordInput({ ...entry.login, otp: entry.otp });
  }
  for (const problem of result.problems) expect(typeof problem.reason).toBe('string');
}
