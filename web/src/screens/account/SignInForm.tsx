import { createSignal, onCleanup, Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { FormError } from '../../components/FormError.tsx';
import { Progress } from '../../components/Progress.tsx';
import type { SecondFactorStep } from '../../services/account-signin.ts';
import { failureText } from './messages.ts';
import { SecondFactor } from './SecondFactor.tsx';
import { SignInFields } from './SignInFields.tsx';

// Email and master password, then (when the account has it on) a second factor. On a new device
// this brings the vault down; on a signed-out one it resumes sync and keeps every local change.
export function SignInForm(props: { email?: string; submitLabel?: string; onDone: () => void }) {
  const { account } = useServices();
  const [email, setEmail] = createSignal(props.email ?? '');
  const [password, setPassword] = createSignal('');
  const [deviceName, setDeviceName] = createSignal(account.account()?.deviceName ?? account.defaultDeviceName);
  const [busy, setBusy] = createSignal<false | 'deriving' | 'signing-in'>(false);
  const [error, setError] = createSignal<string | null>(null);
  const [step, setStep] = createSignal<SecondFactorStep | null>(null);
  // Leaving the screen (navigating away, or the vault locking) ends the attempt: its key goes.
  onCleanup(() => step()?.cancel());

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (!email().includes('@')) return setError('Enter the email address of your account.');
    if (!password()) return setError('Enter your master password.');
    if (!deviceName().trim()) return setError('Give this device a name.');
    setError(null);
    setBusy('deriving');
    try {
      const outcome = await account.signIn(
        { email: email(), password: password(), deviceName: deviceName().trim() },
        (fraction) => setBusy(fraction >= 1 ? 'signing-in' : 'deriving'),
      );
      if (outcome.kind === 'second-factor') setStep(outcome.step);
      else props.onDone();
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show
      when={step()}
      fallback={
        <form class="account-form" onSubmit={submit} novalidate>
          <SignInFields
            id="signin"
            email={email()}
            onEmail={setEmail}
            password={{ value: password(), onInput: setPassword }}
            deviceName={deviceName()}
            onDeviceName={setDeviceName}
            disabled={busy() !== false}
          />
          <FormError text={error()} />
          <Show
            when={busy()}
            fallback={
              <button class="button button-primary button-wide" type="submit">
                {props.submitLabel ?? 'Sign in'}
              </button>
            }
          >
            {(state) => (
              <Progress
                fraction={null}
                label={state() === 'deriving' ? 'Checking your password (Argon2id)…' : 'Signing in…'}
              />
            )}
          </Show>
        </form>
      }
    >
      {(current) => (
        <SecondFactor
          step={current()}
          onDone={props.onDone}
          onCancel={(reason) => {
            current().cancel();
            setStep(null);
            setError(reason ?? null);
          }}
        />
      )}
    </Show>
  );
}
