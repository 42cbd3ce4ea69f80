import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KdfParams } from '@tessera/core/crypto/kdf';
import { KDF_LIMITS } from '@tessera/core/crypto/kdf';
import { base32Decode } from '@tessera/core/otp/base32';
import type { Otp } from '@tessera/core/otp/types';
import { exportBackup } from '@tessera/core/transfer/backup';
import { createRecord } from '@tessera/core/vault/edit';
import { HybridClock } from '@tessera/core/vault/hlc';
import type { RecordInput, VaultRecord } from '@tessera/core/vault/record';

/** core's import fixtures (packages/core/test/transfer/fixtures, see its README), read by tests only. */
export const FIXTURES = fileURLToPath(new URL('../../core/test/transfer/fixtures/', import.meta.url));

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

interface Samples {
  otps: {
    type: Otp['type'];
    secretBase32: string;
    algorithm: Otp['algorithm'];
    digits: number;
    period: number;
    counter: number;
    issuer: string;
    account: string;
  }[];
  passwords: { default: string; aegis: string };
}

/** The five accounts every fixture holds, and the fixtures' passwords. */
export const SAMPLES = JSON.parse(readFileSync(fixture('samples.json'), 'utf8')) as Samples;

/** The cheapest Argon2id core allows (its floor), so tests that write backups stay quick. */
export const FLOOR_KDF: KdfParams = {
  algorithm: 'argon2id',
  memoryKiB: KDF_LIMITS.minMemoryKiB,
  iterations: KDF_LIMITS.minIterations,
  parallelism: KDF_LIMITS.minParallelism,
};
export const FLOOR_KDF_OPTION = `m=${KDF_LIMITS.minMemoryKiB / 1024},t=${KDF_LIMITS.minIterations},p=${KDF_LIMITS.minParallelism}`;

export function sampleOtp(index: number): Otp {
  const sample = SAMPLES.otps[index]!;
  return { ...sample, secret: base32Decode(sample.secretBase32) };
}

/** A directory of its own for a test file, removed by the returned function. */
export function scratchDir(): {
  dir: string;
  path(name: string): string;
  write(name: string, data: string | Uint8Array, mode?: number): string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
  return {
    dir,
    path: (name) => join(dir, name),
    write: (name, data, mode = 0o600) => {
      const path = join(dir, name);
      writeFileSync(path, data, { mode });
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function makeRecords(inputs: RecordInput[]): VaultRecord[] {
  const clock = new HybridClock('test-device', () => Date.UTC(2026, 10, 23, 9));
  return inputs.map((input) => createRecord(input, clock));
}

/** A backup written by core's exporter, at the KDF floor. */
export function makeBackup(records: VaultRecord[], password: string): Promise<Uint8Array> {
  return exportBackup(records, password, { kdf: FLOOR_KDF, now: Date.UTC(2026, 10, 23, 9) });
}
