import { createMemo, Show } from 'solid-js';
import { useServices, useVault } from '../app/services.tsx';
import { Icon } from './icons.tsx';

// A small reminder on the codes screen while this vault's codes exist nowhere else: it holds
// codes, was never backed up and has never synced. One component on its own so a wider
// "is my vault safe" panel can take it in.
export function BackupReminder() {
  const { settings, sync } = useServices();
  const vault = useVault();
  const holdsCodes = createMemo(() => vault.records().some((record) => !record.deleted && record.otp !== null));
  const neverSynced = () => sync.status().state.kind === 'off' && sync.status().lastSyncedAt === null;
  return (
    <Show when={holdsCodes() && settings.settings.lastBackupAt === 0 && neverSynced()}>
      <div class="banner banner-info backup-reminder" role="note">
        <Icon name="download" />
        <span>Your codes are only on this device. If it is lost or the browser is cleared, they are gone.</span>
        <div class="backup-actions">
          <a href="#/transfer/" class="banner-link">
            Back up
          </a>
          <a href="#/account" class="banner-link">
            Turn on sync
          </a>
        </div>
      </div>
    </Show>
  );
}
