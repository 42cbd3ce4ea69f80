import { createSignal, For, onMount, Show } from 'solid-js';
import type { AuthenticatorEnrolment, TwoFactorChangeResponse } from '@tessera/core/sync/two-factor';
import { Icon } from '../../components/icons.tsx';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { Progress } from '../../components/Progress.tsx';
import { useCopy } from '../../components/use-copy.ts';
import type { TwoFactorService } from '../../services/twofa.ts';
import { CodeField, codeProblem } from './CodeField.tsx';
import { failureText, isWrongPassword } from './messages.ts';
import { STEP } from './PasswordStep.tsx';
import { QrImage } from './QrImage.tsx';
import { setupKeyGroups } from './setup-key.ts';

// Authenticator app: the server makes the secret and sends it once; this screen shows it as a
// QR code and as the setup key, and the method is on only after the app's current code checks out
// and the master password is proven (a session alone must not add a way into the account).
export function AuthenticatorSetup(props: {
  twofa: TwoFactorService;
  onDone: (change: TwoFactorChangeResponse) => void;
  onCancel: () => void;
}) {
  const copy = useCopy();
  const [enrolment, setEnrolment] = createSignal<AuthenticatorEnrolment | null>(null);
  const [code, setCode] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let codeInput: HTMLInputElement | undefined;
  let passwordInput: HTMLInputElement | undefined;

  const start = async () => {
    setBusy('Making a new key…');
    setError(null);
    setCode('');
    try {
      setEnrolment(await props.twofa.startAuthenticator());
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(null);
    }
  };
  onMount(() => void start());

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const problem = codeProblem(code());
    if (problem) {
      setError(problem);
      codeInput?.focus();
      return;
    }
    if (!password()) {
      setError('Enter your master password.');
      passwordInput?.focus();
      return;
    }
    setBusy(STEP.password);
    setError(null);
    let wrong: HTMLInputElement | undefined;
    try {
      props.onDone(await props.twofa.confirm('totp', code(), password(), (step) => setBusy(STEP[step])));
    } catch (failure) {
      setError(failureText(failure, 'totp'));
      wrong = isWrongPassword(failure) ? passwordInput : codeInput;
    } finally {
      setBusy(null);
    }
    // Only now: a disabled field takes no focus.
    wrong?.select();
  };

  return (
    <div class="twofa-flow">
      <h2 class="twofa-flow-title" tabIndex={-1} data-autofocus>
        Set up an authenticator app
      </h2>
      <Show
        when={enrolment()}
        fallback={
          <Show when={error()} fallback={<Progress fraction={null} label="Making a new key…" />}>
            {(text) => (
              <>
                <p class="form-error" role="alert">
                  {text()}
                </p>
                <div class="button-row">
                  <button type="button" class="button button-primary" onClick={() => void start()}>
                    Try again
                  </button>
                  <button type="button" class="button" onClick={props.onCancel}>
                    Cancel
                  </button>
                </div>
              </>
            )}
          </Show>
        }
      >
        {(current) => (
          <>
            <ol class="twofa-steps">
              <li>
                <h3>Scan this QR code with the authenticator app</h3>
                <p class="muted">
                  Use an app on another device, such as your phone. Keeping this code in the vault it protects would
                  lock you out if you lost this device.
                </p>
                <figure class="twofa-qr-figure">
                  <QrImage text={current().uri} label="QR code of the Tessera sign-in key for your authenticator app" />
                </figure>
                {/* An alternative to scanning, so part of step 1 and not a step of its own. */}
                <h4 class="twofa-alt">Or type the setup key</h4>
                <p class="muted">Time-based, 6 digits, every 30 seconds (SHA‑1): the usual settings.</p>
                <div class="twofa-key-row">
                  <code
                    class="twofa-key"
                    aria-label={`Setup key: ${current().secret.split('').join(' ')}`}
                    data-testid="twofa-setup-key"
                  >
                    <For each={setupKeyGroups(current().secret)}>
                      {(group) => <span class="twofa-key-group">{group}</span>}
                    </For>
                  </code>
                  <button type="button" class="button" onClick={() => void copy(current().secret, 'Setup key copied')}>
                    <Icon name="copy" /> Copy key
                  </button>
                </div>
              </li>
              <li>
                <h3>Enter the code the app shows now, and your master password</h3>
                <form class="twofa-form" onSubmit={submit} novalidate>
                  <CodeField
                    id="twofa-totp-code"
                    label="Code from the app"
                    value={code()}
                    onInput={setCode}
                    disabled={busy() !== null}
                    ref={(el) => (codeInput = el)}
                  />
                  <PasswordInput
                    id="twofa-totp-password"
                    label="Master password"
                    value={password()}
                    onInput={setPassword}
                    autocomplete="current-password"
                    disabled={busy() !== null}
                    ref={(el) => (passwordInput = el)}
                  />
                  <Show when={error()}>
                    {(text) => (
                      <p class="form-error" role="alert">
                        {text()}
                      </p>
                    )}
                  </Show>
                  <Show when={busy() === null} fallback={<Progress fraction={null} label={busy() ?? ''} />}>
                    <div class="button-row">
                      <button type="submit" class="button button-primary">
                        Turn on
                      </button>
                      <button type="button" class="button" onClick={props.onCancel}>
                        Cancel
                      </button>
                    </div>
                  </Show>
                </form>
              </li>
            </ol>
          </>
        )}
      </Show>
    </div>
  );
}
