import { createSignal, Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { FormError } from '../../components/FormError.tsx';
import { createNewPassword, NewPasswordFields, weakPasswordRefusal } from '../../components/NewPasswordFields.tsx';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { failureText } from './messages.ts';
import { SignInFields } from './SignInFields.tsx';

// Turning sync on for this vault: an email address (proved with a mailed code), and the master
// password, which becomes the account's password. Then every record uploads, encrypted.
// The server will keep the wrapped vault key, so the password must hold against offline
// guessing: a weaker one is refused before the emailed code is spent, and the user can change
// it right here (the code stays valid) and go on with the new one.
export function EnableSync() {
  const { account } = useServices();
  const [weak, setWeak] = createSignal<string | null>(null);
  const next = createNewPassword(() => 'sync');
  const [email, setEmail] = createSignal('');
  const [deviceName, setDeviceName] = createSignal(account.defaultDeviceName);
  const [codeSent, setCodeSent] = createSignal(false);
  const [code, setCode] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  const sendCode = async (event?: SubmitEvent) => {
    event?.preventDefault();
    if (busy()) return;
    if (!/^[^\s@]+@[^\s@]+$/.test(email().trim())) return setError('Enter an email address you can read mail at.');
    if (!deviceName().trim()) return setError('Give this device a name.');
    setError(null);
    setBusy('Sending the code…');
    try {
      await account.enable.sendCode(email());
      setCodeSent(true);
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(null);
    }
  };

  const finish = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (!/^\d{6}$/.test(code().trim())) return setError('Enter the 6-digit code from the email.');
    if (!password()) return setError('Enter the master password of this vault.');
    setError(null);
    let refusal: string | null;
    try {
      refusal = await weakPasswordRefusal(password(), 'sync');
    } catch (failure) {
      return setError(failureText(failure));
    }
    if (refusal) return setWeak(refusal);
    await turnOn(password());
  };

  const turnOn = async (master: string) => {
    setBusy('Checking your password (Argon2id)…');
    try {
      await account.enable.finish(
        { email: email(), code: code(), password: master, deviceName: deviceName().trim() },
        (fraction) => {
          if (fraction >= 1) setBusy('Creating the account…');
        },
      );
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(null);
    }
  };

  // The stronger password replaces the vault's (re-wrapping the vault key on this device only:
  // there is no account yet), then sync goes on with it.
  const changeAndTurnOn = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setError(null);
    if (!(await next.check())) return;
    setBusy('Changing the master password (Argon2id)…');
    try {
      await account.changePassword({ current: password(), next: next.password() });
    } catch (failure) {
      setBusy(null);
      return setError(failureText(failure));
    }
    setPassword(next.password());
    next.clear();
    setWeak(null);
    await turnOn(password());
  };

  return (
    <div class="settings-group">
      <h2>Turn on sync</h2>
      <p class="muted">
        Sync keeps this vault on all your devices. The server stores it encrypted with your master password, which it
        never sees: it cannot read your codes or logins.
      </p>
      <Show
        when={codeSent()}
        fallback={
          <form class="account-form" onSubmit={sendCode} novalidate>
            <SignInFields
              id="enable"
              email={email()}
              onEmail={setEmail}
              deviceName={deviceName()}
              onDeviceName={setDeviceName}
              disabled={busy() !== null}
            />
            <FormError text={error()} />
            <FormActions busy={busy()} submit="Send a code" />
          </form>
        }
      >
        <Show
          when={weak()}
          fallback={
            <form class="account-form" onSubmit={finish} novalidate>
              <p role="status">
                We sent a 6-digit code to <strong>{email().trim()}</strong>. It is valid for 10 minutes.
              </p>
              <div class="field">
                <label for="enable-code">Code from the email</label>
                <input
                  id="enable-code"
                  type="text"
                  inputmode="numeric"
                  autocomplete="one-time-code"
                  maxLength={6}
                  value={code()}
                  onInput={(e) => setCode(e.currentTarget.value)}
                  disabled={busy() !== null}
                />
              </div>
              <PasswordInput
                id="enable-password"
                label="Master password of this vault"
                value={password()}
                onInput={setPassword}
                autocomplete="current-password"
                disabled={busy() !== null}
                describedBy="enable-password-hint"
              />
              <p class="field-hint" id="enable-password-hint">
                It becomes the account's password: you sign in on other devices with it.
              </p>
              <FormError text={error()} />
              <FormActions
                busy={busy()}
                submit="Turn on sync"
                cancel={{
                  label: 'Use another address',
                  onClick: () => {
                    setCodeSent(false);
                    setCode('');
                    setError(null);
                  },
                }}
              />
            </form>
          }
        >
          {(refusal) => (
            <form class="account-form" onSubmit={changeAndTurnOn} novalidate aria-labelledby="enable-weak-heading">
              <h3 id="enable-weak-heading">Choose a stronger master password</h3>
              <p class="callout callout-warning" role="alert">
                {refusal()}
              </p>
              <p class="muted">
                Change it now and sync turns on with the new one. The code from the email stays valid for its 10
                minutes.
              </p>
              <NewPasswordFields
                field={next}
                id="enable-new-password"
                label="New master password"
                confirmLabel="Confirm new master password"
                disabled={busy() !== null}
              />
              <FormError text={error()} />
              <FormActions
                busy={busy()}
                submit="Change password and turn on sync"
                cancel={{
                  label: 'Back',
                  onClick: () => {
                    setWeak(null);
                    setPassword('');
                    next.clear();
                    setError(null);
                  },
                }}
              />
            </form>
          )}
        </Show>
      </Show>
    </div>
  );
}
