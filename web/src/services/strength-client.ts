import { TesseraError } from '@tessera/core/errors';
import type { Strength } from '../lib/strength.ts';
import { createRpcClient } from '../workers/rpc.ts';
import { strengthErrorFromWire, type StrengthCalls } from '../workers/strength-protocol.ts';

// A typed proxy to the strength worker, started on the first estimate, so zxcvbn's word lists
// load only when a password field needs them and never with the main chunk.
const rpc = createRpcClient<StrengthCalls>(
  () =>
    new Worker(new URL('../workers/strength.worker.ts', import.meta.url), { type: 'module', name: 'tessera-strength' }),
  {
    fromWire: strengthErrorFromWire,
    crashed: () =>
      new TesseraError('strength-check', 'The password strength check could not start. Reload Tessera and try again.'),
  },
);

export function estimateStrength(password: string): Promise<Strength> {
  return rpc.call('rate', { password });
}
