import { Show } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';
import { useServices } from '../app/services.tsx';

// registerType 'prompt': a new version waits until the user chooses to reload, so an update
// never reloads the page under someone who is typing a code.
export function UpdatePrompt() {
  const { toasts, session } = useServices();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    // Said only inside the open vault: on the first-run, unlock and sign-in cards the toast sat
    // over the form a new user was reading, and offline use matters only once codes exist.
    onOfflineReady: () => {
      if (session.phase() === 'unlocked') toasts.show('Ready to work offline');
    },
    onRegisteredSW: (_url, registration) => {
      // Installed apps can stay open for days: look for a new version every hour.
      if (registration) setInterval(() => void registration.update().catch(() => undefined), 60 * 60 * 1000);
    },
  });
  return (
    <Show when={needRefresh()}>
      <div class="update-prompt" role="alert">
        <span>A new version of Tessera is available.</span>
        <button type="button" class="button button-primary" onClick={() => void updateServiceWorker(true)}>
          Reload
        </button>
        <button type="button" class="button" onClick={() => setNeedRefresh(false)}>
          Later
        </button>
      </div>
    </Show>
  );
}
