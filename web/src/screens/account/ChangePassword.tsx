import { createSignal, Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { FormError } from '../../components/FormError.tsx';
import { createNewPassword, NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { failureText } from './messages.ts';

// A new master password re-wraps the vault key (items stay as they are). With sync on, the
// account's password changes too and every other device must sign in with the new one.
const STEP: Record<'current' | 'new' | 'server', string> = {
  current: 'Checking the current password (Argon2id)…',
  new: 'Strengthening the new password (Argon2id)…',
  server: "Changing the account's password…",
};

export function ChangePassword() {
  const { account, toasts } = useServices();
  const [open, setOpen] = createSignal(false);
  const [current, setCurrent] = createSignal('');
  const next = createNewPassword(() => (synced() ? 'sync' : 'vault'));
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const synced = () => account.account()?.token != null;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (!current()) return setError('Enter the current master password.');
    setError(null);
    if (!(await next.check())) return;
    try {
      const { endedSessions } = await account.changePassword({ current: current(), next: next.password() }, (step) =>
        setBusy(STEP[step]),
      );
      setOpen(false);
      setCurrent('');
      next.clear();
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
          <NewPasswordFields
            field={next}
            id="password-new"
            label="New master password"
            confirmLabel="Confirm new master password"
            disabled={busy() !== null}
          />
          <FormError text={error()} />
          <FormActions
            busy={busy()}
            submit="Change password"
            cancel={{
              onClick: () => {
                setOpen(false);
                setError(null);
                setCurrent('');
                next.clear();
              },
            }}
          />
        </form>
      </Show>
    </div>
  );
}
