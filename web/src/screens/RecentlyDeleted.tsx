import { createMemo, createSignal, For, Show } from 'solid-js';
import type { RecordView } from '@tessera/core/vault/record';
import { useServices, useVault } from '../app/services.tsx';
import { navigate } from '../app/router.ts';
import { Avatar } from '../components/Avatar.tsx';
import { Icon } from '../components/icons.tsx';
import { displayAccount, displayName } from '../lib/record-list.ts';
import { BackBar } from './RecordDetail.tsx';

// Deleted records stay in the vault (a deletion is a stamped tombstone that syncs) and can be
// brought back from here, until they are deleted forever: one at a time, all at once ("Empty"),
// or by the retention period (services/trash.ts). Forever means on every device and on the sync
// server (docs/web.md, "Recently deleted"), so each asks first.

const DAY_MS = 86_400_000;

function retentionText(days: number): string {
  if (days <= 0) return 'Deleted records are kept here until you delete them forever.';
  return `Deleted records are deleted forever ${days} days after you delete them, on every device.`;
}

function daysLeft(record: RecordView, days: number, now: number): string {
  if (days <= 0) return '';
  const left = Math.max(0, Math.ceil((record.updatedAt + days * DAY_MS - now) / DAY_MS));
  return left <= 1 ? ' · gone within a day' : ` · ${left} days left`;
}

export function RecentlyDeleted() {
  const vault = useVault();
  const { toasts, settings, account } = useServices();
  const [asking, setAsking] = createSignal<string | 'all' | null>(null);
  const [busy, setBusy] = createSignal(false);
  const deleted = createMemo(() =>
    vault
      .records()
      .filter((r) => r.deleted)
      .sort((a, b) => b.updatedAt - a.updatedAt),
  );
  const synced = () => account.account() !== null;
  const everywhere = () =>
    synced() ? ' from this device, your other devices and the sync server' : ' from this device';
  const withCodes = (records: readonly RecordView[]) => records.filter((r) => r.otp !== null).length;

  const purge = async (records: readonly RecordView[], done: string) => {
    setBusy(true);
    try {
      await vault.purge(records.map((r) => r.id));
      setAsking(null);
      toasts.show(done);
    } catch {
      toasts.show('Nothing was deleted: the vault locked. Unlock it and try again.');
    } finally {
      setBusy(false);
    }
  };

  const Confirm = (props: { records: readonly RecordView[]; question: string; action: string; done: string }) => (
    <div class="account-form confirm-forever" role="group" aria-label={props.question}>
      <p>
        <strong>{props.question}</strong>
      </p>
      <p class="muted">
        {props.records.length === 1 ? 'It is' : `${props.records.length} records are`} removed{everywhere()}. This
        cannot be undone.
      </p>
      <Show when={withCodes(props.records) > 0}>
        <p class="callout callout-warning">
          {withCodes(props.records) === 1 && props.records.length === 1
            ? 'This record holds a two-factor code.'
            : withCodes(props.records) === 1
              ? 'One of these holds a two-factor code.'
              : `${withCodes(props.records)} of these hold two-factor codes.`}{' '}
          If two-factor sign-in is still on at the site, turn it off there first (or move it to another authenticator):
          without the code you may not be able to sign in.
        </p>
      </Show>
      <div class="button-row">
        <button
          type="button"
          class="button button-danger"
          disabled={busy()}
          onClick={() => void purge(props.records, props.done)}
        >
          <Icon name="trash" /> {props.action}
        </button>
        <button type="button" class="button" disabled={busy()} onClick={() => setAsking(null)}>
          Cancel
        </button>
      </div>
    </div>
  );

  return (
    <section class="detail" aria-labelledby="deleted-title">
      <BackBar title="Recently deleted" />
      <div class="detail-body">
        <h1 id="deleted-title" class="visually-hidden" tabIndex={-1}>
          Recently deleted
        </h1>
        <p class="muted deleted-retention">
          {retentionText(settings.settings.trashRetentionDays)}{' '}
          <button type="button" class="link-button" onClick={() => navigate({ name: 'settings' })}>
            Change in Settings
          </button>
        </p>
        <Show
          when={deleted().length > 0}
          fallback={
            <div class="empty">
              <h2>Nothing deleted</h2>
              <p>Records you delete can be restored from here.</p>
            </div>
          }
        >
          <Show
            when={asking() === 'all'}
            fallback={
              <div class="button-row deleted-empty">
                <button type="button" class="button button-danger" onClick={() => setAsking('all')}>
                  <Icon name="trash" /> Empty Recently deleted…
                </button>
              </div>
            }
          >
            <Confirm
              records={deleted()}
              question={
                deleted().length === 1
                  ? `Delete “${displayName(deleted()[0]!)}” forever?`
                  : `Delete all ${deleted().length} forever?`
              }
              action="Empty Recently deleted"
              done="Recently deleted is empty"
            />
          </Show>
          <ul class="plain-list">
            <For each={deleted()}>
              {(record) => (
                <li class="plain-row deleted-row">
                  <div class="deleted-line">
                    <Avatar name={displayName(record)} issuer={record.otp?.issuer} url={record.url} />
                    <span class="row-text">
                      <span class="row-name">{displayName(record)}</span>
                      <span class="row-account">
                        {displayAccount(record)} · deleted {new Date(record.updatedAt).toLocaleDateString()}
                        {daysLeft(record, settings.settings.trashRetentionDays, Date.now())}
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
                    <button
                      type="button"
                      class="button button-danger"
                      aria-label={`Delete forever: ${displayName(record)}`}
                      aria-expanded={asking() === record.id}
                      onClick={() => setAsking(asking() === record.id ? null : record.id)}
                    >
                      Delete forever
                    </button>
                  </div>
                  <Show when={asking() === record.id}>
                    <Confirm
                      records={[record]}
                      question={`Delete “${displayName(record)}” forever?`}
                      action="Delete forever"
                      done={`Deleted “${displayName(record)}” forever`}
                    />
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
    </section>
  );
}
