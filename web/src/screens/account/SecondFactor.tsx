import { createSignal, For, onCleanup, Show } from 'solid-js';
import { isTesseraError } from '@tessera/core/errors';
import type { SecondFactorMethod } from '@tessera/core/sync/protocol';
import type { SecondFactorStep } from '../../services/account-signin.ts';
import { Progress } from '../../components/Progress.tsx';
import { failureText } from './messages.ts';

// The second step of sign-in (docs/api.md, "Signing in with a second factor"): the account offers
// the methods its owner turned on; the user picks one and types its code. Email and text-message
// codes are sent only when picked, and can be sent again after the server's pause. An attempt
// that ended goes back to the password; a method turned off meanwhile goes back to the choice.
// Codes the user has at hand first; the recovery code, a last resort, last.
const METHOD_ORDER: readonly SecondFactorMethod[] = ['totp', 'email', 'sms', 'recovery'];

const METHOD: Record<SecondFactorMethod, { label: string; hint: string; field: string }> = {
  totp: {
    label: 'Authenticator app',
    hint: 'The 6-digit code your authenticator app shows for Tessera.',
    field: 'Code from the app',
  },
  email: {
    label: 'Code by email',
    hint: "A 6-digit code sent to the account's email address.",
    field: 'Code from the email',
  },
  sms: {
    label: 'Code by text message',
    hint: 'A 6-digit code sent to your phone.',
    field: 'Code from the text message',
  },
  recovery: {
    label: 'Recovery code',
    hint: 'One of the codes you saved when you turned on two-factor sign-in (like 7kq2m-x9df0). Each works once.',
    field: 'Recovery code',
  },
};

export function SecondFactor(props: {
  step: SecondFactorStep;
  onDone: () => void;
  onCancel: (reason?: string) => void;
}) {
  const [method, setMethod] = createSignal<SecondFactorMethod | null>(
    props.step.methods.length === 1 ? props.step.methods[0]! : null,
  );
  const [sentTo, setSentTo] = createSignal<string | null>(null);
  const [code, setCode] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [canResend, setCanResend] = createSignal(true);
  let resendTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(resendTimer));

  const choose = async (chosen: SecondFactorMethod) => {
    setMethod(chosen);
    setCode('');
    setError(null);
    setSentTo(null);
    if (chosen === 'email' || chosen === 'sms') {
      setBusy(true);
      try {
        const sent = await props.step.send(chosen);
        setSentTo(sent.to);
        setCanResend(false);
        clearTimeout(resendTimer);
        resendTimer = setTimeout(() => setCanResend(true), sent.resendAfterSeconds * 1000);
      } catch (failure) {
        if (isTesseraError(failure, 'attempt-invalid')) return props.onCancel(failureText(failure));
        setError(failureText(failure));
      } finally {
        setBusy(false);
      }
    }
  };
  if (method() === 'email' || method() === 'sms') void choose(method()!);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = method();
    if (!chosen || busy()) return;
    if (!code().trim()) return setError('Enter the code.');
    setBusy(true);
    setError(null);
    try {
      await props.step.verify(chosen, code().trim());
      props.onDone();
    } catch (failure) {
      if (isTesseraError(failure, 'attempt-invalid')) return props.onCancel(failureText(failure));
      if (isTesseraError(failure, 'method-unavailable')) setMethod(null);
      // A used authenticator code means "wait for the next one"; a used recovery code never comes back.
      setError(
        chosen === 'recovery' && isTesseraError(failure, 'code-used')
          ? 'That recovery code was used already. Use another one.'
          : failureText(failure),
      );
    } finally {
      setBusy(false);
    }
  };

  // Where the code goes, masked, so the choice can be made knowing it (an old address, a lost
  // phone) before anything is sent.
  const destinationHint = (m: SecondFactorMethod): string | null => {
    if (m === 'email' && props.step.destinations.email) return `Email a code to ${props.step.destinations.email}`;
    if (m === 'sms' && props.step.destinations.sms) return `Text a code to ${props.step.destinations.sms}`;
    return null;
  };

  return (
    <div class="account-form">
      <h2 class="account-step-title">Second step</h2>
      <Show
        when={method()}
        fallback={
          <>
            <p>This account asks for a second factor. Choose one:</p>
            <ul class="method-list">
              <For each={[...props.step.methods].sort((a, b) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b))}>
                {(m) => (
                  <li>
                    <button type="button" class="button method-button" onClick={() => void choose(m)}>
                      <strong>{METHOD[m].label}</strong>
                      <span class="muted">{destinationHint(m) ?? METHOD[m].hint}</span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <Show when={error()}>
              {(text) => (
                <p class="form-error" role="alert">
                  {text()}
                </p>
              )}
            </Show>
            <button type="button" class="button" onClick={() => props.onCancel()}>
              Cancel
            </button>
          </>
        }
      >
        {(chosen) => (
          <form onSubmit={submit} novalidate class="account-form">
            <p>{METHOD[chosen()].hint}</p>
            <Show when={sentTo()}>
              {(to) => (
                <p class="muted" role="status">
                  Code sent to {to()}.
                </p>
              )}
            </Show>
            <div class="field">
              <label for="second-factor-code">{METHOD[chosen()].field}</label>
              <input
                id="second-factor-code"
                type="text"
                value={code()}
                onInput={(e) => setCode(e.currentTarget.value)}
                inputmode={chosen() === 'recovery' ? 'text' : 'numeric'}
                autocomplete="one-time-code"
                autocapitalize="off"
                spellcheck={false}
                disabled={busy()}
              />
            </div>
            <Show when={error()}>
              {(text) => (
                <p class="form-error" role="alert">
                  {text()}
                </p>
              )}
            </Show>
            <Show when={!busy()} fallback={<Progress fraction={null} label="Checking…" />}>
              <div class="button-row">
                <button type="submit" class="button button-primary">
                  Verify
                </button>
                <Show when={chosen() === 'email' || chosen() === 'sms'}>
                  <button type="button" class="button" disabled={!canResend()} onClick={() => void choose(chosen())}>
                    Send a new code
                  </button>
                </Show>
                <Show when={props.step.methods.length > 1}>
                  <button
                    type="button"
                    class="button"
                    onClick={() => {
                      setMethod(null);
                      setError(null);
                    }}
                  >
                    Another way
                  </button>
                </Show>
                <button type="button" class="button" onClick={() => props.onCancel()}>
                  Cancel
                </button>
              </div>
            </Show>
          </form>
        )}
      </Show>
    </div>
  );
}
