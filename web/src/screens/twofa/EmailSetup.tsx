import { createSignal, Show } from 'solid-js';
import type { CodeSentResponse, TwoFactorChangeResponse } from '@tessera/core/sync/two-factor';
import { Progress } from '../../components/Progress.tsx';
import type { TwoFactorService } from '../../services/twofa.ts';
import { CodeStep } from './CodeStep.tsx';
import { failureText } from './messages.ts';

// Email codes go to the account's own address; the first code proves the mailbox works.
export function EmailSetup(props: {
  twofa: TwoFactorService;
  address: string;
  onDone: (change: TwoFactorChangeResponse) => void;
  onCancel: () => void;
}) {
  const [sent, setSent] = createSignal<CodeSentResponse | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      setSent(await props.twofa.sendEmailCode());
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="twofa-flow">
      <h2 class="twofa-flow-title" tabIndex={-1} data-autofocus>
        Set up codes by email
      </h2>
      <p>
        At each sign-in on a new device, Tessera can email a 6-digit code to <strong>{props.address}</strong>, the
        account's address.
      </p>
      <Show
        when={sent()}
        fallback={
          <>
            <p class="muted">To turn this on, enter the code from the email Tessera sends now.</p>
            <Show when={error()}>
              {(text) => (
                <p class="form-error" role="alert">
                  {text()}
                </p>
              )}
            </Show>
            <Show when={!busy()} fallback={<Progress fraction={null} label="Sending the code…" />}>
              <div class="button-row">
                <button type="button" class="button button-primary" onClick={() => void send()}>
                  Send the code
                </button>
                <button type="button" class="button" onClick={props.onCancel}>
                  Cancel
                </button>
              </div>
            </Show>
          </>
        }
      >
        {(first) => (
          <CodeStep
            twofa={props.twofa}
            channel="email"
            sent={first()}
            resend={() => props.twofa.sendEmailCode()}
            onDone={props.onDone}
          >
            <button type="button" class="button" onClick={props.onCancel}>
              Cancel
            </button>
          </CodeStep>
        )}
      </Show>
    </div>
  );
}
