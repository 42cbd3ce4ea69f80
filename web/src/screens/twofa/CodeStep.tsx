import { createSignal, Show } from 'solid-js';
import type { CodeChannel, CodeSentResponse, TwoFactorChangeResponse } from '@tessera/core/sync/two-factor';
import { useServices } from '../../app/services.tsx';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { Progress } from '../../components/Progress.tsx';
import type { TwoFactorService } from '../../services/twofa.ts';
import { CodeField, codeProblem } from './CodeField.tsx';
import { failureText, isWrongPassword } from './messages.ts';
import { STEP } from './PasswordStep.tsx';

// The second half of setting up email or text-message codes: the code that was just sent comes
// back here, with the master password (turning a method on proves it, as turning one off does).
// "Send a new code" waits as long as the server asks (resendAfterSeconds).
export function CodeStep(props: {
  twofa: TwoFactorService;
  channel: CodeChannel;
  sent: CodeSentResponse;
  resend: () => Promise<CodeSentResponse>;
  /** The number the user just typed: shown whole (not the server's masked copy), so a typo shows. */
  typedTo?: string;
  onDone: (change: TwoFactorChangeResponse) => void;
  children?: import('solid-js').JSX.Element;
}) {
  const { ticker } = useServices();
  const [sent, setSent] = createSignal(props.sent);
  const [sentAt, setSentAt] = createSignal(Date.now());
  const [code, setCode] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let codeInput: HTMLInputElement | undefined;
  let passwordInput: HTMLInputElement | undefined;
  const waitSeconds = () => Math.max(0, Math.ceil((sentAt() + sent().resendAfterSeconds * 1000 - ticker.now()) / 1000));
  const where = () => (props.channel === 'email' ? 'email' : 'text message');

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
      props.onDone(await props.twofa.confirm(props.channel, code(), password(), (step) => setBusy(STEP[step])));
    } catch (failure) {
      setError(failureText(failure));
      wrong = isWrongPassword(failure) ? passwordInput : codeInput;
    } finally {
      setBusy(null);
    }
    // Only now: a disabled field takes no focus.
    wrong?.select();
  };

  const resend = async () => {
    setBusy('Sending a new code…');
    setError(null);
    try {
      setSent(await props.resend());
      setSentAt(Date.now());
      setCode('');
      codeInput?.focus();
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form class="twofa-form" onSubmit={submit} novalidate>
      <p role="status">
        A 6-digit code was sent by {where()} to <strong class="twofa-to">{props.typedTo ?? sent().to}</strong>. It works
        for 10 minutes.
      </p>
      <CodeField
        id={`twofa-${props.channel}-code`}
        label={`Code from the ${where()}`}
        value={code()}
        onInput={setCode}
        disabled={busy() !== null}
        ref={(el) => {
          codeInput = el;
          queueMicrotask(() => el.focus());
        }}
      />
      <PasswordInput
        id={`twofa-${props.channel}-password`}
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
      <Show when={busy() === null} fallback={<Progress fraction={null} label={busy()!} />}>
        <div class="button-row">
          <button type="submit" class="button button-primary">
            Turn on
          </button>
          <button type="button" class="button" disabled={waitSeconds() > 0} onClick={() => void resend()}>
            {waitSeconds() > 0 ? `Send a new code (${waitSeconds()} s)` : 'Send a new code'}
          </button>
          {props.children}
        </div>
      </Show>
    </form>
  );
}
