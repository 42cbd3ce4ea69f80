import { createSignal, Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { Progress } from '../../components/Progress.tsx';
import { StrengthMeter } from '../../components/StrengthMeter.tsx';
import { strengthRefusal } from '../../lib/strength.ts';
import { estimateStrength } from '../../services/strength-client.ts';
import { failureText } from './messages.ts';

// A new master password re-wraps the vault key (items stay as they are). With sync on, the
// account's password changes too and every other device must sign in with the new one.
const MIN_LENGTH = 8;
const STEP: Record<'current' | 'new' | 'server', string> = {
  current: 'Checking the current password (Argon2id)…',
  new: 'Strengthening the new password (Argon2id)…',
  server: "Changing the account's password…",
};

export function ChangePassword() {
  const { account, toasts } = useServices();
  const [open, setOpen] = createSignal(false);
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const synced = () => account.account()?.token != null;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (!current()) return setError('Enter the current master password.');
    if (next().length < MIN_LENGTH) return setError(`Use at least ${MIN_LENGTH} characters for the new password.`);
    if (next() !== confirm()) return setError('The two new passwords do not match.');
    const refusal = strengthRefusal(await estimateStrength(next()), synced() ? 'sync' : 'vault');
    if (refusal) return setError(refusal);
    setError(null);
    try {
      const { endedSessions } = await account.changePassword({ current: current(), next: next() }, (step) =>
        setBusy(STEP[step]),
      );
      setOpen(false);
      setCurrent('');
      setNext('');
      setConfirm('');
      toasts.show(
        endedSessions > 0
          ? `Password changed. ${endedSessions === 1 ? '1 other device' : `${endedSessions} other devices`} must sign in with it.`
          : 'Password changed.',
      );
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="settings-group">
      <h2>Master password</h2>
      <Show
        when={open()}
        fallback={
          <button type="button" class="button" onClick={() => setOpen(true)}>
            Change master password…
          </button>
        }
      >
        <form class="account-form" onSubmit={submit} novalidate>
          <Show when={synced()}>
            <p class="muted">
              The account's password changes too. Your other devices are signed out and ask for the new password; their
              unsynced changes are kept.
            </p>
          </Show>
          <PasswordInput
            id="password-current"
            label="Current master password"
            value={current()}
            onInput={setCurrent}
            autocomplete="current-password"
            disabled={busy() !== null}
          />
          <PasswordInput
            id="password-new"
            label="New master password"
            value={next()}
            onInput={setNext}
            autocomplete="new-password"
            disabled={busy() !== null}
            describedBy="password-new-strength"
          />
          <StrengthMeter password={next()} id="password-new-strength" use={synced() ? 'sync' : 'vault'} />
          <PasswordInput
            id="password-confirm"
            label="Confirm new master password"
            value={confirm()}
            onInput={setConfirm}
            autocomplete="new-password"
            disabled={busy() !== null}
          />
          <Show when={error()}>
            {(text) => (
              <p class="form-error" role="alert">
                {text()}
              </p>
            )}
          </Show>
          <Show
            when={busy()}
            fallback={
              <div class="button-row">
                <button type="submit" class="button button-primary">
                  Change password
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
            }
          >
            {(label) => <Progress fraction={null} label={label()} />}
          </Show>
        </form>
      </Show>
    </div>
  );
}
