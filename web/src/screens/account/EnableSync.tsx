import { createSignal, Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { Progress } from '../../components/Progress.tsx';
import { failureText } from './messages.ts';

// Turning sync on for this vault: an email address (proved with a mailed code), and the master
// password, which becomes the account's password. Then every record uploads, encrypted.
export function EnableSync() {
  const { account } = useServices();
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
    setBusy('Checking your password (Argon2id)…');
    try {
      await account.enable.finish({ email: email(), code: code(), password: password(), deviceName: deviceName().trim() }, (fraction) => {
        if (fraction >= 1) setBusy('Creating the account…');
      });
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="settings-group">
      <h2>Turn on sync</h2>
      <p class="muted">Sync keeps this vault on all your devices. The server stores it encrypted with your master password, which it never sees: it cannot read your codes or logins.</p>
      <Show when={codeSent()} fallback={
        <form class="account-form" onSubmit={sendCode} novalidate>
          <div class="field">
            <label for="enable-email">Email</label>
            <input id="enable-email" type="email" autocomplete="email" value={email()} onInput={(e) => setEmail(e.currentTarget.value)}
              disabled={busy() !== null} autocapitalize="off" spellcheck={false} />
          </div>
          <div class="field">
            <label for="enable-device">Name of this device</label>
            <input id="enable-device" type="text" maxLength={64} value={deviceName()} onInput={(e) => setDeviceName(e.currentTarget.value)} disabled={busy() !== null} />
          </div>
          <Show when={error()}>{(text) => <p class="form-error" role="alert">{text()}</p>}</Show>
          <Show when={busy()} fallback={<button type="submit" class="button button-primary">Send a code</button>}>
            {(label) => <Progress fraction={null} label={label()} />}
          </Show>
        </form>
      }>
        <form class="account-form" onSubmit={finish} novalidate>
          <p role="status">We sent a 6-digit code to <strong>{email().trim()}</strong>. It is valid for 10 minutes.</p>
          <div class="field">
            <label for="enable-code">Code from the email</label>
            <input id="enable-code" type="text" inputmode="numeric" autocomplete="one-time-code" maxLength={6} value={code()}
              onInput={(e) => setCode(e.currentTarget.value)} disabled={busy() !== null} />
          </div>
          <PasswordInput id="enable-password" label="Master password of this vault" value={password()} onInput={setPassword}
            autocomplete="current-password" disabled={busy() !== null} describedBy="enable-password-hint" />
          <p class="field-hint" id="enable-password-hint">It becomes the account's password: you sign in on other devices with it.</p>
          <Show when={error()}>{(text) => <p class="form-error" role="alert">{text()}</p>}</Show>
          <Show when={busy()} fallback={
            <div class="button-row">
              <button type="submit" class="button button-primary">Turn on sync</button>
              <button type="button" class="button" onClick={() => { setCodeSent(false); setCode(''); setError(null); }}>Use another address</button>
            </div>
          }>
            {(label) => <Progress fraction={null} label={label()} />}
          </Show>
        </form>
      </Show>
    </div>
  );
}
