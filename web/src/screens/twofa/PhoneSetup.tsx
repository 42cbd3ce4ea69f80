import { createSignal, Show } from 'solid-js';
import type { CodeSentResponse, TwoFactorChangeResponse } from '@tessera/core/sync/two-factor';
import { Progress } from '../../components/Progress.tsx';
import type { TwoFactorService } from '../../services/twofa.ts';
import { CodeStep } from './CodeStep.tsx';
import { failureText } from './messages.ts';
import { checkPhone, COUNTRY_CODE_HINT } from './phone.ts';

// Text-message codes: the number is checked here (E.164, with a message that says what to fix),
// then confirmed by the code texted to it; only a confirmed number is ever used at sign-in.
export function PhoneSetup(props: {
  twofa: TwoFactorService;
  phone: string | null;
  onDone: (change: TwoFactorChangeResponse) => void;
  onCancel: () => void;
}) {
  const [phone, setPhone] = createSignal(props.phone ?? '');
  const [e164, setE164] = createSignal<string | null>(null);
  const [sent, setSent] = createSignal<CodeSentResponse | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let phoneInput: HTMLInputElement | undefined;

  const send = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const checked = checkPhone(phone());
    if (!checked.ok) {
      setProblem(checked.message);
      phoneInput?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    setError(null);
    try {
      setSent(await props.twofa.sendSmsCode(checked.e164));
      setE164(checked.e164);
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };

  const changeNumber = () => {
    setSent(null);
    setError(null);
    queueMicrotask(() => phoneInput?.focus());
  };

  return (
    <div class="twofa-flow">
      <h2 class="twofa-flow-title" tabIndex={-1} data-autofocus>
        Set up codes by text message
      </h2>
      <p>At each sign-in on a new device, Tessera can text a 6-digit code to your mobile phone.</p>
      <Show
        when={sent()}
        fallback={
          <form class="twofa-form" onSubmit={send} novalidate>
            <div class="field">
              <label for="twofa-phone">Mobile number</label>
              <input
                id="twofa-phone"
                type="text"
                inputmode="tel"
                autocomplete="tel"
                spellcheck={false}
                value={phone()}
                disabled={busy()}
                placeholder="+44 7700 900123"
                ref={(el) => (phoneInput = el)}
                aria-invalid={problem() ? 'true' : undefined}
                aria-describedby={problem() ? 'twofa-phone-hint twofa-phone-problem' : 'twofa-phone-hint'}
                onInput={(e) => {
                  setPhone(e.currentTarget.value);
                  setProblem(null);
                }}
              />
              <p class="field-hint" id="twofa-phone-hint">
                {COUNTRY_CODE_HINT}
              </p>
              <Show when={problem()}>
                {(text) => (
                  <p class="field-error" id="twofa-phone-problem" role="alert">
                    {text()}
                  </p>
                )}
              </Show>
            </div>
            <p class="muted">Your carrier's rates for text messages may apply.</p>
            <Show when={error()}>
              {(text) => (
                <p class="form-error" role="alert">
                  {text()}
                </p>
              )}
            </Show>
            <Show when={!busy()} fallback={<Progress fraction={null} label="Sending the code…" />}>
              <div class="button-row">
                <button type="submit" class="button button-primary">
                  Send the code
                </button>
                <button type="button" class="button" onClick={props.onCancel}>
                  Cancel
                </button>
              </div>
            </Show>
          </form>
        }
      >
        {(first) => (
          <CodeStep
            twofa={props.twofa}
            channel="sms"
            sent={first()}
            typedTo={e164() ?? undefined}
            resend={() => props.twofa.sendSmsCode(e164()!)}
            onDone={props.onDone}
          >
            <button type="button" class="button" onClick={changeNumber}>
              Change the number
            </button>
            <button type="button" class="button" onClick={props.onCancel}>
              Cancel
            </button>
          </CodeStep>
        )}
      </Show>
    </div>
  );
}
