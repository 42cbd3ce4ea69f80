import { createEffect, createRoot, on } from 'solid-js';
import type { RecordView } from '@tessera/core/vault/record';
import type { Session } from './session.ts';
import type { Settings } from './settings.ts';

// The retention period of Recently deleted (docs/web.md, "Recently deleted"): a record deleted more
// than `trashRetentionDays` ago is purged for good, here and (through the sync engine's purge,
// with the item's deletion proof) on the server and every other device. Each device applies its
// own setting; the shortest one among the account's devices decides, since a purge anywhere
// reaches all of them. The sweep needs the open vault (deletion times are inside the records):
// it runs at every unlock and then hourly while unlocked.

const DAY_MS = 86_400_000;
const SWEEP_EVERY_MS = 60 * 60_000;

/** The deleted records whose deletion (their newest stamp) is older than the retention period. */
export function expiredIds(records: readonly RecordView[], now: number, retentionDays: number): string[] {
  if (retentionDays <= 0) return [];
  const before = now - retentionDays * DAY_MS;
  return records.filter((record) => record.deleted && record.updatedAt <= before).map((record) => record.id);
}

export interface RetentionTimers {
  now(): number;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const browserTimers: RetentionTimers = {
  now: () => Date.now(),
  setInterval: (run, ms) => globalThis.setInterval(run, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Starts the sweeps; returns a function that stops them. */
export function startTrashRetention(
  session: Pick<Session, 'store'>,
  settings: Pick<Settings, 'trashRetentionDays'>,
  timers: RetentionTimers = browserTimers,
): () => void {
  const sweep = () => {
    const store = session.store();
    if (!store) return;
    const ids = expiredIds(store.records(), timers.now(), settings.trashRetentionDays);
    if (ids.length === 0) return;
    void store.purge(ids).catch(() => {
      // Locked meanwhile: the next unlock sweeps again. Nothing is lost by waiting.
    });
  };
  const timer = timers.setInterval(sweep, SWEEP_EVERY_MS);
  const dispose = createRoot((disposeRoot) => {
    createEffect(on([session.store, () => settings.trashRetentionDays], sweep));
    return disposeRoot;
  });
  return () => {
    timers.clearInterval(timer);
    dispose();
  };
}
