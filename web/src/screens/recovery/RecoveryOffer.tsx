import { Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { Icon } from '../../components/icons.tsx';

// Offered once to a vault made before recovery keys existed: above the codes list until the user
// makes one or says "Not now" (Settings > Recovery key keeps the way open).
export function RecoveryOffer() {
  const { recovery, settings } = useServices();
  return (
    <Show when={recovery.status() === null && !settings.settings.recoveryOfferDismissed}>
      <div class="banner banner-warning" role="region" aria-label="Recovery key">
        <Icon name="key" />
        <span>Make a recovery key: if you forget your master password, it is the only other way in.</span>
        <a href="#/settings" class="banner-link">
          Make one
        </a>
        <button
          type="button"
          class="banner-link banner-dismiss"
          onClick={() => void settings.set('recoveryOfferDismissed', true)}
        >
          Not now
        </button>
      </div>
    </Show>
  );
}
