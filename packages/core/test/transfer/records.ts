import type { Otp } from '../../src/otp/types.ts';
import { HybridClock } from '../../src/vault/hlc.ts';
import { createRecord, deleteRecord } from '../../src/vault/edit.ts';
import type { RecordInput, VaultRecord } from '../../src/vault/record.ts';
import { SAMPLE_OTPS } from './helpers.ts';

// Real vault records (made by vault/edit, not by hand) for the exporters and the import plan.

export function clock(): HybridClock {
  let now = Date.UTC(2026, 10, 22, 10, 0, 0);
  return new HybridClock('laptop', () => now++);
}

export function makeRecords(inputs: readonly RecordInput[], c = clock()): VaultRecord[] {
  return inputs.map((input) => createRecord(input, c));
}

/** One record per sample OTP, the first two with login fields, plus a login without an OTP and a deleted record. */
export function sampleVault(): VaultRecord[] {
  const c = clock();
  const records = makeRecords(
    [
      {
        title: 'Example',
        url: 'https://example.com',
        username: 'alice@example.com',
        password: 'hunter2',
        notes: 'Main account',
        tags: ['Work', 'Mail'],
        favourite: true,
        otp: SAMPLE_OTPS[0]!,
      },
      { title: 'ACME', username: 'bob', otp: SAMPLE_OTPS[1]! },
      ...SAMPLE_OTPS.slice(2).map((otp: Otp) => ({ otp })),
      {
        title: 'Router',
        url: 'http://192.168.1.1',
        username: 'admin',
        password: 'correct horse',
        notes: 'Line one\nLine two',
      },
    ],
    c,
  );
  const gone = createRecord({ title: 'Deleted', otp: { ...SAMPLE_OTPS[0]!, issuer: 'Gone', account: 'old' } }, c);
  return [...records, deleteRecord(gone, c)];
}
