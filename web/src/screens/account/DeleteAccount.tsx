import { createSignal, Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { Progress } from '../../components/Progress.tsx';
import { failureText } from './messages.ts';

// Deleting the account erases it on the server (every device's copy there, every session). The
// vault on this device stays, as a local vault. The user types the account's email to confirm
// and proves the password again.
export function DeleteAccount() {
  const { account, toasts } = useServices();
  const [open, setOpen] = createSignal(false);
  const [typed, setTyped] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const email = () => account.account()?.email ?? '';
  const confirmed = () => typed().trim().toLowerCase() === email();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || !confirmed()) return;
    if (!password()) return setError('Enter your master password.');
    setBusy(true);
    setError(null);
    try {
      await account.deleteAccount(password());
      toasts.show('The account was deleted. The vault stays on this device.');
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="settings-group">
      <h2>Delete the account</h2>
      <Show
        when={open()}
        fallback={
          <button type="button" class="button button-danger" onClick={() => setOpen(true)}>
            Delete the account…
          </button>
        }
      >
        <form class="account-form" onSubmit={submit} novalidate>
          <p class="callout callout-warning">
            This erases the account and the vault stored with it on the server, and signs out every device. Each device
            keeps the vault it has, as a local vault. It cannot be undone.
          </p>
          <div class="field">
            <label for="delete-confirm">
              Type <strong>{email()}</strong> to confirm
            </label>
            <input
              id="delete-confirm"
              type="text"
              value={typed()}
              onInput={(e) => setTyped(e.currentTarget.value)}
              autocomplete="off"
              autocapitalize="off"
              spellcheck={false}
              disabled={busy()}
            />
          </div>
          <PasswordInput
            id="delete-password"
            label="Master password"
            value={password()}
            onInput={setPassword}
            autocomplete="current-password"
            disabled={busy()}
          />
          <Show when={error()}>
            {(text) => (
              <p class="form-error" role="alert">
                {text()}
              </p>
            )}
          </Show>
          <Show when={!busy()} fallback={<Progress fraction={null} label="Deleting the account…" />}>
            <div class="button-row">
              <button type="submit" class="button button-danger" disabled={!confirmed()}>
                Delete the account
              </button>
              <button
                type="button"
                class="button"
                onClick={() => {
                  setOpen(false);
                  setError(null);
                }}
              >
                Cancel
              </button>
            </div>
          </Show>
        </form>
      </Show>
    </div>
  );
}
