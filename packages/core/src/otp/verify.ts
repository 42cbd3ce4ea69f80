import { hotp } from './hotp.ts';
import { timeStep } from './totp.ts';
import { DEFAULT_ALGORITHM, DEFAULT_DIGITS, DEFAULT_PERIOD, OtpError, type OtpAlgorithm } from './types.ts';

// RFC 6238 §5.2 recommends at most one step of delay; ten either way (about ±5 min at 30 s) is
// already generous, and the bound keeps a caller's mistake from checking thousands of codes.
export const MAX_WINDOW = 10;

export interface VerifyTotpOptions {
  /** Steps accepted either side of the current one (RFC 6238 §5.2); default 1. */
  window?: number;
  period?: number;
  digits?: number;
  algorithm?: OtpAlgorithm;
  /** The step returned by the last successful check: it and every earlier step are refused. */
  lastUsedStep?: number;
}

/**
 * Checks a TOTP code typed by a person. Returns the time step it matched, which the caller stores
 * as `lastUsedStep` so the same code cannot be used twice (RFC 6238 §5.2), or null. Spaces in the
 * code are ignored; every candidate is compared in constant time, and all of them are computed,
 * so the time taken does not say which step was close.
 */
export function verifyTotp(
  secret: Uint8Array,
  code: string,
  unixSeconds: number,
  opts: VerifyTotpOptions = {},
): number | null {
  const window = opts.window ?? 1;
  if (!Number.isInteger(window) || window < 0 || window > MAX_WINDOW) {
    throw new OtpError('window-out-of-range', `window must be 0 to ${MAX_WINDOW} steps, got ${window}`);
  }
  const period = opts.period ?? DEFAULT_PERIOD;
  const digits = opts.digits ?? DEFAULT_DIGITS;
  const algorithm = opts.algorithm ?? DEFAULT_ALGORITHM;
  const lastUsedStep = opts.lastUsedStep ?? -1;
  const current = timeStep(unixSeconds, period);
  const typed = typeof code === 'string' ? code.replace(/\s+/g, '') : '';
  let matched: number | null = null;
  // Nearest steps first, so a code that happens to be valid twice in the window matches the step
  // closest to now.
  for (const delta of deltas(window)) {
    const step = current + delta;
    if (step < 0 || !Number.isSafeInteger(step)) continue;
    const expected = hotp(secret, step, { algorithm, digits });
    if (equalCodes(expected, typed) && step > lastUsedStep && matched === null) matched = step;
  }
  return matched;
}

function deltas(window: number): number[] {
  const out = [0];
  for (let d = 1; d <= window; d++) out.push(-d, d);
  return out;
}

// Constant time for strings of the expected length: every character is compared.
function equalCodes(expected: string, typed: string): boolean {
  if (typed.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ typed.charCodeAt(i);
  return diff === 0;
}
