import { createMemo, Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { describeStatus, plural } from '../../services/sync/status.ts';
import './account.css';

// The state of sync in full, with what to do about it.
export function SyncStatusCard() {
  const { sync, ticker, account } = useServices();
  const text = createMemo(() => describeStatus(sync.status(), ticker.now()));
  return (
    <div class="sync-card" data-tone={text().tone}>
      <p class="sync-card-title">
        <span class="sync-dot" aria-hidden="true" /> <span data-testid="sync-status">{text().title}</span>
      </p>
      <Show when={text().detail}>{(detail) => <p class="muted">{detail()}</p>}</Show>
      <Show when={account.account()}>
        {(row) => (
          <p class="muted">
            Account: <strong>{row().email}</strong> · this device: {row().deviceName}
          </p>
        )}
      </Show>
      <Show when={sync.status().rollbacks > 0}>
        <p class="callout callout-warning">
          The server sent older copies of {plural(sync.status().rollbacks, 'item')} than this device had already seen.
          Newer copies were kept where this device had them, and sent again.
        </p>
      </Show>
      <Show when={sync.status().trashed > 0}>
        <p class="callout callout-warning">
          The server said {plural(sync.status().trashed, 'item was', 'items were')} removed for good. It came without
          the proof that a deletion made on one of your devices carries, so this device moved{' '}
          {sync.status().trashed === 1 ? 'it' : 'them'} to Recently deleted instead, where you can restore{' '}
          {sync.status().trashed === 1 ? 'it' : 'them'}.
        </p>
      </Show>
      <Show when={sync.status().setAside > 0}>
        <p class="callout callout-warning">
          The server sent {plural(sync.status().setAside, 'copy', 'copies')} of items that could not be opened (damaged,
          swapped between items, or sealed with another key). {sync.status().setAside === 1 ? 'It is' : 'They are'} kept
          aside; this device's own copies are unchanged.
        </p>
      </Show>
      <Show when={sync.status().state.kind !== 'signed-out'}>
        <button
          type="button"
          class="button"
          onClick={() => sync.syncNow('user')}
          disabled={sync.status().state.kind === 'syncing'}
        >
          Sync now
        </button>
      </Show>
    </div>
  );
}
