import { createEffect, createRoot, type Accessor } from 'solid-js';
import type { SyncStatus } from './status.ts';

// The engine's state on the page's root element (`data-sync`, `data-sync-waiting`,
// `data-sync-to-merge`, `data-sync-cursor`), so end-to-end tests wait on what the engine is
// doing ("idle, nothing waiting, cursor 7") instead of on time. It carries no secret: the same
// counts are on screen.
export function publishSyncStatus(
  status: Accessor<SyncStatus>,
  root: HTMLElement = document.documentElement,
): () => void {
  return createRoot((dispose) => {
    createEffect(() => {
      const s = status();
      root.dataset.sync = s.state.kind;
      root.dataset.syncWaiting = String(s.waiting);
      root.dataset.syncToMerge = String(s.toMerge);
      root.dataset.syncCursor = String(s.cursor);
    });
    return dispose;
  });
}
