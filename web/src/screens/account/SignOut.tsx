import { createSignal, Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { plural } from '../../services/sync/status.ts';
import { failureText } from './messages.ts';

// Signing this device out asks what happens to the vault here: kept (it stays a local vault,
// and signing in again later resumes sync) or removed from this device (the account keeps it).
export function SignOut(props: { open: boolean; onOpen: (open: boolean) => void }) {
  const { account, sync } = useServices();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const unsynced = () => sync.status().waiting + sync.status().toMerge;

  const signOut = async (keepVault: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await account.signOut({ keepVault });
      props.onOpen(false);
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="settings-group">
      <h2>Sign out</h2>
      <Show
        when={props.open}
        fallback={
          <button type="button" class="button" onClick={() => props.onOpen(true)}>
            Sign out of sync…
          </button>
        }
      >
        <div class="account-form" role="group" aria-labelledby="signout-question">
          <p id="signout-question">
            <strong>Keep the vault on this device?</strong>
          </p>
          <p class="muted">
            Kept, it stays here as a local vault that opens with your master password; sign in again any time to resume
            sync. Removed, it is erased from this device; the account still has it.
          </p>
          <Show when={unsynced() > 0}>
            <p class="callout callout-warning">
              {plural(unsynced(), 'change')} on this device have not reached the account yet. Removing the vault now
              loses them; keeping it keeps them.
            </p>
          </Show>
          <Show when={error()}>
            {(text) => (
              <p class="form-error" role="alert">
                {text()}
              </p>
            )}
          </Show>
          <div class="button-row">
            <button type="button" class="button button-primary" disabled={busy()} onClick={() => void signOut(true)}>
              Sign out, keep the vault here
            </button>
            <button type="button" class="button button-danger" disabled={busy()} onClick={() => void signOut(false)}>
              Sign out and remove it from this device
            </button>
            <button type="button" class="button" disabled={busy()} onClick={() => props.onOpen(false)}>
              Cancel
            </button>
          </div>
        </div>
      </Show>
    </div>
  );
}
