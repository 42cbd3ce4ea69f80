import { SYNC_LIMITS } from '@tessera/core/sync/limits';

// Splits the outbox into pushes the server accepts (docs/api.md, "Limits"): at most 500 changes
// and a 4 MiB body each. Envelopes travel as base64url (4 characters per 3 bytes); each change
// adds its id, its base seq and the JSON around them.
const CHANGE_OVERHEAD_BYTES = 96;
// Room left for the body's own braces and for rounding: a batch never comes near the limit.
export const PUSH_BODY_BUDGET = SYNC_LIMITS.pushBodyMaxBytes - 64 * 1024;

export interface Outgoing {
  id: string;
  envelope: Uint8Array;
}

export function encodedSize(change: Outgoing): number {
  return Math.ceil((change.envelope.length * 4) / 3) + change.id.length + CHANGE_OVERHEAD_BYTES;
}

export function pushBatches<T extends Outgoing>(
  changes: readonly T[],
  maxChanges: number = SYNC_LIMITS.changesPerPush,
  maxBytes: number = PUSH_BODY_BUDGET,
): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const change of changes) {
    const size = encodedSize(change);
    if (batch.length > 0 && (batch.length >= maxChanges || bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(change);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
