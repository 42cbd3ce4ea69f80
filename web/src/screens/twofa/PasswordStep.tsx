import { createSignal, Show, type JSX } from 'solid-js';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { Progress } from '../../components/Progress.tsx';
import type { PasswordStep as Step } from '../../services/twofa.ts';
import { failureText } from './messages.ts';

export const STEP: Record<Step, string> = {
  password: 'Checking your master password (Argon2id)…',
  server: 'Asking the server…',
};

// Turning a method off and making new recovery codes weaken or replace what protects the
// account, so the master password is asked again (a stolen session alone cannot do either).
// Turning one on asks for it too, beside the code (AuthenticatorSetup, CodeStep).
export function PasswordStep(props: {
  title: string;
  action: string;
  danger?: boolean;
  children: JSX.Element;
  run: (password: string, onStep: (step: Step) => void) => Promise<void>;
  onCancel: () => void;
}) {
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal<Step | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (!password()) return setError('Enter your master password.');
    setError(null);
    try {
      await props.run(password(), setBusy);
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="twofa-flow">
      <h2 class="twofa-flow-title" tabIndex={-1} data-autofocus>
        {props.title}
      </h2>
      {props.children}
      <form class="twofa-form" onSubmit={submit} novalidate>
        <PasswordInput
          id="twofa-password"
          label="Master password"
          value={password()}
          onInput={setPassword}
          autocomplete="current-password"
          disabled={busy() !== null}
          autofocus
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
              <button type="submit" class={props.danger ? 'button button-danger' : 'button button-primary'}>
                {props.action}
              </button>
              <button type="button" class="button" onClick={props.onCancel}>
                Cancel
              </button>
            </div>
          }
        >
          {(step) => <Progress fraction={null} label={STEP[step()]} />}
        </Show>
      </form>
    </div>
  );
}
