import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { TesseraError } from '../../src/errors.ts';
import type { Otp } from '../../src/otp/types.ts';
import { TransferError, type TransferErrorCode } from '../../src/transfer/errors.ts';
import type { ImportResult } from '../../src/transfer/types.ts';
import { otpFromVector, type OtpVector } from '../otp/helpers.ts';

const here = dirname(fileURLToPath(import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(here, 'fixtures', name)));
}

export function fixtureText(name: string): string {
  return readFileSync(join(here, 'fixtures', name), 'utf8');
}

const samples = JSON.parse(fixtureText('samples.json')) as {
  otps: OtpVector[];
  passwords: { default: string; aegis: string };
};

/** The five accounts every fixture holds (fixtures/samples.json). */
export const SAMPLE_OTPS: readonly Otp[] = samples.otps.map(otpFromVector);
export const PASSWORD = samples.passwords.default;
export const AEGIS_PASSWORD = samples.passwords.aegis;
export const NOTE = 'Recovery codes are in the safe';

/** Asserts the promise rejects with a TransferError carrying exactly this code. */
export async function expectTransferError(
  code: TransferErrorCode,
  run: () => Promise<unknown>,
): Promise<TransferError> {
  let thrown: unknown;
  try {
    await run();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected TransferError '${code}'`).toBeInstanceOf(TransferError);
  expect((thrown as TransferError).code, (thrown as Error).message).toBe(code);
  return thrown as TransferError;
}

/**
 * Asserts that refusing `run` costs next to nothing. The limit is loose (tests share a busy
 * machine), but running the work it guards against would take from seconds to hours.
 */
export async function expectRefusedAtOnce(code: TransferErrorCode, run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await expectTransferError(code, run);
  expect(performance.now() - started).toBeLessThan(1000);
}

/** Resolves to the result, or to the TesseraError it rejected with; anything else fails the test. */
export async function settle(run: () => Promise<ImportResult>): Promise<ImportResult | TesseraError> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof TesseraError) return e;
    throw e;
  }
}

export function codes(result: ImportResult): string[] {
  return result.problems.map((problem) => `${problem.index}:${problem.code}${problem.imported ? ' (imported)' : ''}`);
}

/** The OTPs of a result, in order. */
export function otps(result: ImportResult): (Otp | null)[] {
  return result.entries.map((entry) => entry.otp);
}

/** A copy with the byte at `at` replaced. */
export function withByte(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = value;
  return copy;
}

export const text = (value: string): Uint8Array => new TextEncoder().encode(value);
