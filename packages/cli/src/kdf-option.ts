import { checkKdfParams, DEFAULT_KDF, KDF_LIMITS, type KdfParams } from '@tessera/core/crypto/kdf';
import { UsageError } from './command.ts';

// `--kdf m=<MiB>,t=<passes>,p=<lanes>`: the Argon2id cost of a backup being written, in RFC 9106's
// letters (§3.1: m memory, t passes, p lanes). Any letter left out keeps DEFAULT_KDF's value.
// The floor and ceiling are core's (crypto/kdf), so no setting makes a weak or unopenable file.

export const KDF_USAGE = `--kdf m=<MiB>,t=<passes>,p=<lanes>  Argon2id cost of the new backup (default m=${DEFAULT_KDF.memoryKiB / 1024},t=${DEFAULT_KDF.iterations},p=${DEFAULT_KDF.parallelism})`;

const RANGES = {
  m: [KDF_LIMITS.minMemoryKiB / 1024, KDF_LIMITS.maxMemoryKiB / 1024, 'memory (MiB)'],
  t: [KDF_LIMITS.minIterations, KDF_LIMITS.maxIterations, 'passes'],
  p: [KDF_LIMITS.minParallelism, KDF_LIMITS.maxParallelism, 'lanes'],
} as const;

export function kdfOption(value: string | boolean | undefined): KdfParams {
  if (typeof value !== 'string') return { ...DEFAULT_KDF };
  const chosen: Partial<Record<keyof typeof RANGES, number>> = {};
  for (const part of value.split(',')) {
    const match = /^\s*([mtp])\s*=\s*(\d{1,7})\s*$/.exec(part);
    if (match === null)
      throw new UsageError(
        `--kdf wants m=<MiB>,t=<passes>,p=<lanes> (e.g. m=64,t=3,p=4), got ${JSON.stringify(value)}`,
      );
    const letter = match[1] as keyof typeof RANGES;
    if (chosen[letter] !== undefined) throw new UsageError(`--kdf gives ${letter} twice`);
    const number = Number(match[2]);
    const [min, max, what] = RANGES[letter];
    if (number < min || number > max)
      throw new UsageError(`--kdf ${letter}: ${what} must be from ${min} to ${max}, got ${number}`);
    chosen[letter] = number;
  }
  return checkKdfParams({
    algorithm: 'argon2id',
    memoryKiB: chosen.m === undefined ? DEFAULT_KDF.memoryKiB : chosen.m * 1024,
    iterations: chosen.t ?? DEFAULT_KDF.iterations,
    parallelism: chosen.p ?? DEFAULT_KDF.parallelism,
  });
}
