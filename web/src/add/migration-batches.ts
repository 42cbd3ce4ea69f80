import type { MigrationResult } from '@tessera/core/otp/migration';
import type { Otp } from '@tessera/core/otp/types';
import { AddError } from './errors.ts';

// Google Authenticator splits an export into several QR codes ("batches") that share a random
// batch id; each says which one it is (index, counted from 0) and how many there are. Users
// scan them one after another, maybe out of order, maybe one twice; the import waits until
// every batch of one export is in.

export interface MigrationCollection {
  readonly id: number;
  readonly size: number;
  readonly parts: ReadonlyMap<number, Pick<MigrationResult, 'otps' | 'rejected'>>;
}

/** An entry of the export that core could not turn into an Otp, and why. */
export interface SkippedEntry {
  /** 0-based QR code (batch) and entry within it. */
  batch: number;
  entry: number;
  error: Error;
}

export interface AddBatchResult {
  collection: MigrationCollection;
  /** False when this batch had been scanned already (the collection is returned unchanged). */
  added: boolean;
  index: number;
}

/** Adds a scanned batch; throws an AddError when it belongs to another export than the one begun. */
export function addBatch(collection: MigrationCollection | null, scanned: MigrationResult): AddBatchResult {
  // Exports from before batching existed carry no batch_size: one QR code holds everything.
  const size = Math.max(1, scanned.batch.size);
  const { index, id } = scanned.batch;
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new AddError(
      'migration-bad-batch',
      `This QR code calls itself number ${index + 1} of ${size}, which cannot be: the export is damaged. Export again from Google Authenticator.`,
    );
  }
  const part = { otps: scanned.otps, rejected: scanned.rejected };
  if (collection === null) {
    return { collection: { id, size, parts: new Map([[index, part]]) }, added: true, index };
  }
  if (id !== collection.id) {
    throw new AddError(
      'migration-other-export',
      `This QR code is from another export than the ${collection.size} codes being scanned. Scan the rest of that export, or start over.`,
    );
  }
  if (size !== collection.size) {
    throw new AddError(
      'migration-size-mismatch',
      `This QR code says its export has ${size} codes, the codes scanned before said ${collection.size}. Start over and scan the export again.`,
    );
  }
  if (collection.parts.has(index)) return { collection, added: false, index };
  const parts = new Map(collection.parts);
  parts.set(index, part);
  return { collection: { id, size, parts }, added: true, index };
}

/** Indexes (from 0) of the batches not scanned yet, in order. */
export function missingBatches(collection: MigrationCollection): number[] {
  const missing: number[] = [];
  for (let i = 0; i < collection.size; i++) if (!collection.parts.has(i)) missing.push(i);
  return missing;
}

export function isComplete(collection: MigrationCollection): boolean {
  return missingBatches(collection).length === 0;
}

/** Every entry of the export in the order the exporting app listed them. */
export function collectedOtps(collection: MigrationCollection): Otp[] {
  return inOrder(collection).flatMap(([, part]) => part.otps);
}

/** The entries that cannot be imported, so the review can say which and why. */
export function skippedEntries(collection: MigrationCollection): SkippedEntry[] {
  return inOrder(collection).flatMap(([batch, part]) =>
    part.rejected.map((r) => ({ batch, entry: r.index, error: r.error })),
  );
}

function inOrder(collection: MigrationCollection) {
  return [...collection.parts.entries()].sort(([a], [b]) => a - b);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The line shown while scanning: "Batch 2 of 3 scanned, scan the next." */
export function batchProgressText(result: AddBatchResult): string {
  const { collection, index, added } = result;
  const total = collection.size;
  const missing = missingBatches(collection);
  if (missing.length === 0) {
    const entries = collectedOtps(collection).length;
    return total === 1
      ? `Export scanned: ${count(entries, 'account', 'accounts')}.`
      : `All ${total} batches scanned: ${count(entries, 'account', 'accounts')}.`;
  }
  const head = added ? `Batch ${index + 1} of ${total} scanned` : `Batch ${index + 1} of ${total} was already scanned`;
  const next = missing[0]! + 1;
  const onlyLaterMissing = missing.every((m) => m > index);
  if (onlyLaterMissing && next === index + 2) return `${head}, scan the next.`;
  const list = missing.map((m) => m + 1);
  const names = list.length === 1 ? `batch ${list[0]}` : `batches ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
  return `${head}; still missing ${names}.`;
}
