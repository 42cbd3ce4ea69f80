import { createSignal, Show, type JSX } from 'solid-js';
import { isTesseraError } from '@tessera/core/errors';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import type { TransferService } from '../../services/transfer.ts';
import { describeTransferProblem, type TransferProblem } from './messages.ts';
import { ProblemBox } from './ProblemBox.tsx';
import { Working } from './Working.tsx';

// Exports that show secrets in the clear open only with the master password typed again, checked
// as unlocking checks it (Argon2id, then the vault key must unwrap), so an unlocked device left
// on a desk does not hand out every secret at once.
export function MasterGate(props: {
  transfer: TransferService;
  id: string;
  action: string;
  warning: JSX.Element;
  /** What the right password opens; the gate stays busy until it is done, and shows its failure. */
  onOpen: () => unknown;
}) {
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | undefined>();
  const [problem, setProblem] = createSignal<TransferProblem | null>(null);
  let input: HTMLInputElement | undefined;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (password() === '') {
      setError('Enter your master password.');
      input?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    setProblem(null);
    try {
      const ok = await props.transfer.checkMasterPassword(password());
      setPassword('');
      if (ok) return await props.onOpen();
      setError('That is not your master password.');
    } catch (failure) {
      if (!isTesseraError(failure, 'cancelled')) setProblem(describeTransferProblem(failure));
    } finally {
      setBusy(false);
    }
    queueMicrotask(() => input?.focus());
  };

  return (
    <form class="transfer-gate" onSubmit={submit} novalidate>
      <div class="callout callout-warning" id={`${props.id}-warning`}>
        {props.warning}
      </div>
      <PasswordInput
        id={`${props.id}-password`}
        label="Master password"
        value={password()}
        onInput={setPassword}
        autocomplete="current-password"
        describedBy={`${props.id}-warning`}
        disabled={busy()}
        ref={(el) => (input = el)}
        error={error()}
      />
      <Show when={problem()}>{(p) => <ProblemBox problem={p()} />}</Show>
      <Show
        when={busy()}
        fallback={
          <button type="submit" class="button button-primary">
            {props.action}
          </button>
        }
      >
        <Working label="Checking your master password…" onCancel={() => props.transfer.cancel()} />
      </Show>
    </form>
  );
}
