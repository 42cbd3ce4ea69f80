import { createSignal, onMount, Show } from 'solid-js';
import { isTesseraError } from '@tessera/core/errors';
import { useServices } from '../app/services.tsx';
import { PasswordInput } from '../components/PasswordInput.tsx';
import { Progress } from '../components/Progress.tsx';
import { Icon } from '../components/icons.tsx';
import { SignInHint } from './account/SignInHint.tsx';
import { ForgotPassword } from './recovery/ForgotPassword.tsx';
import { passkeyMessage, UNLOCK_MESSAGES } from './passkey/messages.ts';

export function Unlock() {
  const { session, passkey } = useServices();
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal<number | null | false>(false);
  const [error, setError] = createSignal<string | null>(null);
  const [forgot, setForgot] = createSignal(false);
  const [passkeyError, setPasskeyError] = createSignal<string | null>(null);
  let input: HTMLInputElement | undefined;

  onMount(() => input?.focus());

  const withPasskey = async () => {
    if (busy() !== false) return;
    setError(null);
    setPasskeyError(null);
    setBusy(0);
    try {
      await passkey.unlock();
    } catch (failure) {
      setBusy(false);
      setPasskeyError(passkeyMessage(UNLOCK_MESSAGES, failure));
    }
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() !== false) return;
    if (!password()) {
      setError('Enter your master password.');
      return;
    }
    setError(null);
    setPasskeyError(null);
    setBusy(null);
    try {
      await session.unlock(password(), (fraction) => setBusy(fraction >= 1 ? 1 : null));
    } catch (failure) {
      setBusy(false);
      setError(
        isTesseraError(failure, 'wrong-password')
          ? 'Wrong master password. Check Caps Lock and the keyboard layout, then try again.'
          : `The vault could not be opened: ${failure instanceof Error ? failure.message : String(failure)}`,
      );
      queueMicrotask(() => input?.select());
    }
  };

  return (
    <main class="gate">
      <div class="gate-card">
        <img class="gate-logo" src="/icons/icon-192.png" alt="" width="56" height="56" />
        <h1>Unlock Tessera</h1>
        <Show
          when={!forgot() && session.lockNotice()}
          fallback={
            <p class="gate-lead">
              {forgot()
                ? 'Forgot your master password? Your recovery key opens the vault.'
                : 'Enter your master password to see your codes.'}
            </p>
          }
        >
          {(notice) => <p class="gate-lead">{notice()}</p>}
        </Show>
        <Show
          when={!forgot()}
          fallback={
            <ForgotPassword
              onCancel={() => {
                setForgot(false);
                queueMicrotask(() => input?.focus());
              }}
            />
          }
        >
          <form onSubmit={submit} novalidate>
            <PasswordInput
              id="unlock-password"
              label="Master password"
              value={password()}
              onInput={setPassword}
              autocomplete="current-password"
              ref={(el) => (input = el)}
              disabled={busy() !== false}
              error={error() ?? undefined}
            />
            <Show
              when={busy() !== false}
              fallback={
                <button class="button button-primary button-wide" type="submit">
                  Unlock
                </button>
              }
            >
              <Progress
                fraction={null}
                label={
                  busy() === 0
                    ? 'Waiting for your passkey…'
                    : busy() === 1
                      ? 'Opening your vault…'
                      : 'Checking your password…'
                }
              />
            </Show>
          </form>
          <Show when={passkey.supported && passkey.status() && busy() === false}>
            <button type="button" class="button button-wide gate-passkey" onClick={() => void withPasskey()}>
              <Icon name="key" /> Unlock with passkey
            </button>
          </Show>
          <Show when={passkeyError()}>
            {(message) => (
              <p class="form-error gate-passkey-error" role="alert">
                {message()}
              </p>
            )}
          </Show>
          <button
            type="button"
            class="link-button gate-forgot"
            onClick={() => setForgot(true)}
            disabled={busy() !== false}
          >
            Forgot password?
          </button>
        </Show>
        <SignInHint />
      </div>
    </main>
  );
}
