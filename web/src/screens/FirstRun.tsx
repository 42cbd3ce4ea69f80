import { createMemo, createSignal, Show } from 'solid-js';
import { useServices } from '../app/services.tsx';
import { Progress } from '../components/Progress.tsx';
import { SignInHint } from './account/SignInHint.tsx';
import { PasswordInput } from '../components/PasswordInput.tsx';
import { StrengthMeter } from '../components/StrengthMeter.tsx';
import { strengthRefusal } from '../lib/strength.ts';
import { estimateStrength } from '../services/strength-client.ts';

// Creating the vault: the master password is the only key to it, so the screen insists on a
// confirmation, shows how guessable it is and says plainly that it cannot be recovered.
const MIN_LENGTH = 8;

export function FirstRun() {
  const { session, recovery } = useServices();
  const [password, setPassword] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [understood, setUnderstood] = createSignal(false);
  const [attempted, setAttempted] = createSignal(false);
  const [busy, setBusy] = createSignal<number | null | false>(false);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [weak, setWeak] = createSignal<string | null>(null);

  const problem = createMemo(() => {
    if (password().length < MIN_LENGTH) return `Use at least ${MIN_LENGTH} characters.`;
    if (confirm() !== password()) return 'The two passwords do not match.';
    if (!understood()) return 'Confirm that you understand what happens if you lose the password and the recovery key.';
    return null;
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (problem() || busy() !== false) return;
    // The estimator is a lazy chunk: the form waits for its verdict rather than guessing.
    const refusal = strengthRefusal(await estimateStrength(password()), 'vault');
    setWeak(refusal);
    if (refusal) return;
    setFailure(null);
    setBusy(null);
    try {
      await session.createVault(password(), (fraction) => setBusy(fraction >= 1 ? 1 : null), recovery.makeWithVaultKey);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  };

  return (
    <main class="gate">
      <div class="gate-card">
        <img class="gate-logo" src="/icons/icon-192.png" alt="" width="56" height="56" />
        <h1>Create your vault</h1>
        <p class="gate-lead">
          Your codes and logins are encrypted on this device with a master password. Nobody else, including Tessera, can
          open them.
        </p>
        <form onSubmit={submit} novalidate aria-describedby="first-run-warning">
          <PasswordInput
            id="new-password"
            label="Master password"
            value={password()}
            onInput={(value) => {
              setPassword(value);
              setWeak(null);
            }}
            autocomplete="new-password"
            describedBy="password-strength"
            autofocus
            disabled={busy() !== false}
          />
          <StrengthMeter password={password()} id="password-strength" use="vault" />
          <PasswordInput
            id="confirm-password"
            label="Confirm master password"
            value={confirm()}
            onInput={setConfirm}
            autocomplete="new-password"
            disabled={busy() !== false}
            error={attempted() && confirm() !== password() ? 'The two passwords do not match.' : undefined}
          />
          <div class="callout callout-warning" id="first-run-warning">
            <strong>Nobody can reset this password for you.</strong> Next you get a recovery key: with it you can set a
            new password if you forget this one. Without both, everything in this vault is lost.
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={understood()}
              onChange={(e) => setUnderstood(e.currentTarget.checked)}
              disabled={busy() !== false}
            />
            <span>I understand that without the password or the recovery key my codes are lost</span>
          </label>
          <Show when={attempted() && (problem() ?? weak())}>
            {(text) => (
              <p class="form-error" role="alert">
                {text()}
              </p>
            )}
          </Show>
          <Show when={failure()}>
            {(text) => (
              <p class="form-error" role="alert">
                Could not create the vault: {text()}
              </p>
            )}
          </Show>
          <Show
            when={busy() !== false}
            fallback={
              <button class="button button-primary button-wide" type="submit">
                Create vault
              </button>
            }
          >
            <Progress
              fraction={null}
              label={busy() === 1 ? 'Opening your new vault…' : 'Strengthening your password (Argon2id)…'}
            />
          </Show>
        </form>
        <SignInHint />
      </div>
    </main>
  );
}
