import { describe, expect, it } from 'vitest';
import { SYNC_LIMITS } from '@tessera/core/sync/limits';
import { encodedSize, PUSH_BODY_BUDGET, pushBatches } from '../../src/services/sync/batches.ts';

const change = (i: number, bytes: number) => ({
  id: `item${String(i).padStart(18, '0')}`,
  envelope: new Uint8Array(bytes),
});

describe('pushBatches', () => {
  it('keeps every change, in order, at most 500 per push', () => {
    const changes = Array.from({ length: 1_201 }, (_, i) => change(i, 297));
    const batches = pushBatches(changes);
    expect(batches.map((b) => b.length)).toEqual([500, 500, 201]);
    expect(batches.flat()).toEqual(changes);
  });

  it('keeps each push body under the 4 MiB limit with large envelopes', () => {
    const changes = Array.from({ length: 200 }, (_, i) => change(i, SYNC_LIMITS.envelopeMaxBytes));
    const batches = pushBatches(changes);
    for (const batch of batches) {
      const json = JSON.stringify({
        changes: batch.map((c) => ({
          id: c.id,
          baseSeq: 9_007_199_254_740_991,
          envelope: 'A'.repeat(Math.ceil((c.envelope.length * 4) / 3)),
        })),
      });
      expect(json.length).toBeLessThan(SYNC_LIMITS.pushBodyMaxBytes);
      expect(batch.reduce((sum, c) => sum + encodedSize(c), 0)).toBeLessThanOrEqual(PUSH_BODY_BUDGET);
    }
    expect(batches.flat()).toEqual(changes);
    expect(batches.length).toBeGreaterThan(1);
  });

  it('sends nothing for an empty outbox', () => {
    expect(pushBatches([])).toEqual([]);
  });
});
