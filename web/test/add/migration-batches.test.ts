import { randomBytes } from '@tessera/core/crypto/random';
import { encodeMigrationPayload, formatMigrationUris, parseMigrationUri } from '@tessera/core/otp/migration';
import type { Otp } from '@tessera/core/otp/types';
import { toBase64url } from '@tessera/core/crypto/bytes';
import { describe, expect, it } from 'vitest';
import { AddError } from '../../src/add/errors.ts';
import {
  addBatch,
  batchProgressText,
  collectedOtps,
  isComplete,
  missingBatches,
  skippedEntries,
  type MigrationCollection,
} from '../../src/add/migration-batches.ts';

function otps(n: number): Otp[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'totp' as const,
    secret: randomBytes(20),
    algorithm: 'SHA1' as const,
    digits: 6,
    period: 30,
    counter: 0,
    issuer: `Issuer ${i + 1}`,
    account: `user${i + 1}@example.com`,
  }));
}

// Exports made and read by core, exactly as a Google Authenticator export is scanned.
function exportOf(entries: Otp[], batchId: number) {
  return formatMigrationUris(entries, { batchId }).map(parseMigrationUri);
}

function thrown(f: () => unknown): AddError {
  try {
    f();
  } catch (error) {
    if (error instanceof AddError) return error;
    throw error;
  }
  throw new Error('expected an AddError');
}

describe('collecting the batches of an export', () => {
  const entries = otps(25);
  const [first, second, third] = exportOf(entries, 7001);

  it('waits for every batch, then gives every entry in the exporting app’s order', () => {
    let c: MigrationCollection | null = null;
    const r1 = addBatch(c, first!);
    c = r1.collection;
    expect(batchProgressText(r1)).toBe('Batch 1 of 3 scanned, scan the next.');
    expect(isComplete(c)).toBe(false);
    const r2 = addBatch(c, second!);
    c = r2.collection;
    expect(batchProgressText(r2)).toBe('Batch 2 of 3 scanned, scan the next.');
    const r3 = addBatch(c, third!);
    c = r3.collection;
    expect(isComplete(c)).toBe(true);
    expect(batchProgressText(r3)).toBe('All 3 batches scanned: 25 accounts.');
    const got = collectedOtps(c);
    expect(got.map((o) => o.issuer)).toEqual(entries.map((o) => o.issuer));
    expect(got.map((o) => [...o.secret])).toEqual(entries.map((o) => [...o.secret]));
  });

  it('accepts batches in any order and says which are still missing', () => {
    const r3 = addBatch(null, third!);
    expect(batchProgressText(r3)).toBe('Batch 3 of 3 scanned; still missing batches 1 and 2.');
    const r1 = addBatch(r3.collection, first!);
    expect(batchProgressText(r1)).toBe('Batch 1 of 3 scanned, scan the next.');
    expect(missingBatches(r1.collection)).toEqual([1]);
    const r2 = addBatch(r1.collection, second!);
    expect(collectedOtps(r2.collection).map((o) => o.issuer)).toEqual(entries.map((o) => o.issuer));
  });

  it('ignores a batch scanned twice and says so', () => {
    const r1 = addBatch(null, first!);
    const again = addBatch(r1.collection, first!);
    expect(again.added).toBe(false);
    expect(again.collection).toBe(r1.collection);
    expect(batchProgressText(again)).toBe('Batch 1 of 3 was already scanned, scan the next.');
  });

  it('refuses a batch of another export while one is being collected', () => {
    const [other] = exportOf(otps(12), 7002);
    const r1 = addBatch(null, first!);
    const e = thrown(() => addBatch(r1.collection, other!));
    expect(e.code).toBe('migration-other-export');
    expect(e.message).toContain('another export');
  });

  it('refuses a batch that disagrees on the size of the export', () => {
    const [small] = exportOf(otps(12), 7001);
    const e = thrown(() => addBatch(addBatch(null, first!).collection, small!));
    expect(e.code).toBe('migration-size-mismatch');
  });

  it('refuses a batch whose index is outside its export', () => {
    const bytes = encodeMigrationPayload(otps(1), { index: 3, size: 2, id: 5 });
    const damaged = parseMigrationUri(`otpauth-migration://offline?data=${toBase64url(bytes)}`);
    expect(thrown(() => addBatch(null, damaged)).code).toBe('migration-bad-batch');
  });

  it('takes a single-QR export (no batch size, as old exports) as complete at once', () => {
    const bytes = encodeMigrationPayload(otps(2), { index: 0, size: 0, id: 0 });
    const single = parseMigrationUri(`otpauth-migration://offline?data=${toBase64url(bytes)}`);
    const r = addBatch(null, single);
    expect(isComplete(r.collection)).toBe(true);
    expect(batchProgressText(r)).toBe('Export scanned: 2 accounts.');
  });

  it('keeps entries core could not read, with their batch, for the review', () => {
    // An MD5 entry (algorithm 4), which no authenticator can use, between two good ones.
    const good = encodeMigrationPayload(otps(2), { index: 0, size: 1, id: 9 });
    const md5 = new Uint8Array([0x0a, 0x03, 1, 2, 3, 0x1a, 0x02, 0x4d, 0x44, 0x20, 0x04]);
    const bytes = new Uint8Array([0x0a, md5.length, ...md5, ...good]);
    const scanned = parseMigrationUri(`otpauth-migration://offline?data=${toBase64url(bytes)}`);
    const r = addBatch(null, scanned);
    expect(collectedOtps(r.collection)).toHaveLength(2);
    const skipped = skippedEntries(r.collection);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ batch: 0, entry: 0 });
    expect(skipped[0]!.error.message).toContain('MD5');
  });
});
