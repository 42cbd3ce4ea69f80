import { Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { Icon } from '../../components/icons.tsx';

// A quiet reminder above the codes list once changes have waited more than a day without a copy
// off this device (automatic backups stay on the device).
const DAY_MS = 86_400_000;

export function UnsavedReminder() {
  const { backups } = useServices();
  const due = () => {
    const oldest = backups.oldestUnsaved();
    return oldest !== null && Date.now() - oldest > DAY_MS;
  };
  return (
    <Show when={due()}>
      <div class="banner banner-warning" role="region" aria-label="Backups">
        <Icon name="warning" />
        <span>
          {backups.unsaved() === 1 ? '1 change is' : `${backups.unsaved()} changes are`} only on this device. Save a
          copy of the backup elsewhere.
        </span>
        <a href="#/settings" class="banner-link">
          Save a copy
        </a>
      </div>
    </Show>
  );
}
