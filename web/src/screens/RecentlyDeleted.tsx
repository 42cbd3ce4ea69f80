import { createMemo, For, Show } from 'solid-js';
import { useServices, useVault } from '../app/services.tsx';
import { Avatar } from '../components/Avatar.tsx';
import { Icon } from '../components/icons.tsx';
import { displayAccount, displayName } from '../lib/record-list.ts';
import { BackBar } from './RecordDetail.tsx';

// Deleted records stay in the vault (a deletion is a stamped tombstone that syncs); they can be
// brought back from here at any time.
export function RecentlyDeleted() {
  const vault = useVault();
  const { toasts } = useServices();
  const deleted = createMemo(() =>
    vault
      .records()
      .filter((r) => r.deleted)
      .sort((a, b) => b.updatedAt - a.updatedAt),
  );
  return (
    <section class="detail" aria-labelledby="deleted-title">
      <BackBar title="Recently deleted" />
      <div class="detail-body">
        <h1 id="deleted-title" class="visually-hidden" tabIndex={-1}>
          Recently deleted
        </h1>
        <Show
          when={deleted().length > 0}
          fallback={
            <div class="empty">
              <h2>Nothing deleted</h2>
              <p>Records you delete can be restored from here.</p>
            </div>
          }
        >
          <ul class="plain-list">
            <For each={deleted()}>
              {(record) => (
                <li class="plain-row">
                  <Avatar name={displayName(record)} issuer={record.otp?.issuer} url={record.url} />
                  <span class="row-text">
                    <span class="row-name">{displayName(record)}</span>
                    <span class="row-account">
                      {displayAccount(record)} · deleted {new Date(record.updatedAt).toLocaleDateString()}
                    </span>
                  </span>
                  <button
                    type="button"
                    class="button"
                    aria-label={`Restore ${displayName(record)}`}
                    onClick={() =>
                      void vault.restore(record.id).then(() => toasts.show(`Restored “${displayName(record)}”`))
                    }
                  >
                    <Icon name="restore" /> Restore
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
    </section>
  );
}
