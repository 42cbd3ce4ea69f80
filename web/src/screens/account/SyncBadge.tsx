import { createMemo, Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { describeStatus } from '../../services/sync/status.ts';
import { Icon } from '../../components/icons.tsx';
import './account.css';

// The sync status under the app bar, only while sync is on: one line that opens Account & sync.
// A device signed out by the server gets a banner that says its changes are kept.
export function SyncBadge() {
  const { sync, ticker } = useServices();
  const text = createMemo(() => describeStatus(sync.status(), ticker.now()));
  const kind = () => sync.status().state.kind;
  return (
    <Show when={kind() !== 'off'}>
      <Show
        when={kind() === 'signed-out'}
        fallback={
          <a class="sync-badge" href="#/account" data-tone={text().tone} data-state={kind()}>
            <span class="sync-dot" aria-hidden="true" />
            <span class="sync-badge-text" role="status">
              {text().title}
            </span>
          </a>
        }
      >
        <div class="banner banner-warning sync-banner" role="alert">
          <Icon name="warning" />
          <span>
            <strong>{text().title}.</strong> {text().detail}
          </span>
          <Show when={text().action === 'sign-in'}>
            <a href="#/account" class="banner-link">
              Sign in
            </a>
          </Show>
        </div>
      </Show>
    </Show>
  );
}
