import { createSignal, Match, Show, Switch } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { Progress } from '../../components/Progress.tsx';
import { passkeyMessage, REGISTER_MESSAGES } from './messages.ts';

function day(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

// Settings > Passkey unlock: set one up behind the master password, or remove it.
export function PasskeySettings() {
  const { passkey } = useServices();
  const [mode, setMode] = createSignal<'idle' | 'make' | 'remove'>('idle');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);

  const close = () => {
    setMode('idle');
    setPassword('');
    setError(null);
  };
  const open = (next: 'make' | 'remove') => {
    setDone(null);
    setError(null);
    setMode(next);
  };

  const make = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (!password()) return setError('Enter your master password.');
    setError(null);
    setBusy('Checking your password (Argon2id)…');
    try {
      await passkey.register(password(), (step) => {
        if (step === 'passkey') setBusy('Follow your browser’s prompt to make the passkey…');
      });
      close();
      setDone('Passkey unlock is on. The next time Tessera is locked, choose “Unlock with passkey”.');
    } catch (failure) {
      setError(passkeyMessage(REGISTER_MESSAGES, failure));
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    await passkey.remove();
    close();
    setDone('Passkey unlock is off. Only your master password unlocks Tessera on this device.');
  };

  return (
    <div class="settings-group" id="passkey-unlock">
      <h2>Passkey unlock</h2>
      <Show
        when={passkey.supported}
        fallback={
          <p>This browser does not support passkeys (WebAuthn), so only your master password unlocks Tessera here.</p>
        }
      >
        <Show
          when={passkey.status()}
          fallback={
            <p>
              Unlock with this device’s fingerprint, face or PIN instead of typing the master password. The password
              keeps working, and is needed to set this up.
            </p>
          }
        >
          {(status) => (
            <p>
              On since {day(status().createdAt)}: this device unlocks with its passkey. The passkey stays on this device
              only; other devices set up their own.
            </p>
          )}
        </Show>
        <Show when={done()}>
          {(message) => (
            <p class="callout" role="status">
              {message()}
            </p>
          )}
        </Show>
        <Switch>
          <Match when={mode() === 'idle'}>
            <div class="button-row">
              <button type="button" class="button" onClick={() => open('make')}>
                {passkey.status() ? 'Set up the passkey again…' : 'Set up passkey unlock…'}
              </button>
              <Show when={passkey.status()}>
                <button type="button" class="button" onClick={() => open('remove')}>
                  Remove the passkey…
                </button>
              </Show>
            </div>
          </Match>
          <Match when={mode() === 'make'}>
            <form class="account-form" onSubmit={make} novalidate aria-label="Set up passkey unlock">
              <Show when={passkey.status()}>
                <p class="callout callout-warning">The current passkey stops unlocking once the new one is made.</p>
              </Show>
              <PasswordInput
                id="passkey-password"
                label="Master password"
                value={password()}
                onInput={setPassword}
                autocomplete="current-password"
                disabled={busy() !== null}
              />
              <Show when={error()}>
                {(message) => (
                  <p class="form-error" role="alert">
                    {message()}
                  </p>
                )}
              </Show>
              <Show
                when={busy()}
                fallback={
                  <div class="button-row">
                    <button type="submit" class="button button-primary">
                      Make the passkey
                    </button>
                    <button type="button" class="button" onClick={close}>
                      Cancel
                    </button>
                  </div>
                }
              >
                {(label) => <Progress fraction={null} label={label()} />}
              </Show>
            </form>
          </Match>
          <Match when={mode() === 'remove'}>
            <p class="callout callout-warning">
              Tessera forgets the passkey’s key slot; the passkey itself stays in your device’s passkey list, where you
              can delete it, and opens nothing.
            </p>
            <div class="button-row">
              <button type="button" class="button button-danger" onClick={() => void remove()}>
                Remove passkey unlock
              </button>
              <button type="button" class="button" onClick={close}>
                Cancel
              </button>
            </div>
          </Match>
        </Switch>
      </Show>
    </div>
  );
}
