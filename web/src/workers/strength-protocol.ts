import { TesseraError } from '@tessera/core/errors';
import type { Strength } from '../lib/strength.ts';
import type { WireError } from './rpc.ts';

// The strength worker's one call (workers/rpc.ts): a password in, zxcvbn-ts's rating out.
export type StrengthCalls = {
  rate: { args: { password: string }; result: Strength };
};

export function strengthErrorToWire(error: unknown): WireError {
  return { code: 'strength-check', message: error instanceof Error ? error.message : String(error) };
}

export function strengthErrorFromWire(error: WireError): Error {
  return new TesseraError(error.code, error.message);
}
