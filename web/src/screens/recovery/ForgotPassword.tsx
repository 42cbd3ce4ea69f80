import { createSignal, Show } from 'solid-js';
import { isTesseraError } from '@tessera/core/errors';
import { useServices } from '../../app/services.tsx';
import './recovery.css';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { Progress } from '../../components/Progress.tsx';
import { StrengthMeter } from '../../components/StrengthMeter.tsx';
import { strengthRefusal } from '../../lib/strength.ts';
import { estimateStrength } from '../../services/strength-client.ts';

const MIN_LENGTH = 8;

// "Forgot password?" on the unlock screen: the recovery key opens the vault key and a new master
// password wraps it (docs/web.md, "Recovery key"). Everything happens on this device, offline.
export function ForgotPassword(props: { onCancel: () => void }) {
  const { recovery, account } = useServices();
  const [key, setKey] = createSignal('');
  const [next, setNext] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const synced = () => account.account() !== null;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (!key().trim()) return setError('Type the recovery key from your emergency sheet.');
    if (next().length < MIN_LENGTH) return setError(`Use at least ${MIN_LENGTH} characters for the new password.`);
    if (next() !== confirm()) return setError('The two new passwords do not match.');
    const refusal = strengthRefusal(await estimateStrength(next()), synced() ? 'sync' : 'vault');
    if (refusal) return setError(refusal);
    setError(null);
    setBusy('Checking the recovery key…');
    try {
      await recovery.reset(key(), next(), (step) =>
        setBusy(step === 'new' ? 'Strengthening the new password (Argon2id)…' : 'Opening your vault…'),
      );
    } catch (failure) {
      setBusy(null);
      setError(
        isTesseraError(failure, 'wrong-recovery-key')
          ? 'This recovery key does not open this vault. If you made a newer recovery key, use that one.'
          : failure instanceof Error
            ? failure.message
            : String(failure),
      );
    }
  };

  return (
    <Show
      when={recovery.status()}
      fallback={
        <div class="recovery-forgot">
          <p role="status">
            This vault has no recovery key, so only its master password opens it. If sync is on, signing in on another
            device where the vault is open lets you change the password there.
          </p>
          <button type="button" class="button" onClick={() => props.onCancel()}>
            Back to unlock
          </button>
        </div>
      }
    >
      <form class="recovery-forgot" onSubmit={submit} novalidate aria-labelledby="forgot-heading">
        <h2 id="forgot-heading">Set a new master password</h2>
        <p class="muted">
          Type the recovery key from your emergency sheet and choose a new master password. This works offline.
        </p>
        <div class="field">
          <label for="recovery-key-input">Recovery key</label>
          <p class="field-hint" id="recovery-key-hint">
            28 characters in groups of four; case and hyphens do not matter.
          </p>
          <input
            id="recovery-key-input"
            class="recovery-key-input"
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            aria-describedby="recovery-key-hint"
            value={key()}
            onInput={(e) => setKey(e.currentTarget.value)}
            disabled={busy() !== null}
          />
        </div>
        <PasswordInput
          id="forgot-new-password"
          label="New master password"
          value={next()}
          onInput={setNext}
          autocomplete="new-password"
          disabled={busy() !== null}
          describedBy="forgot-new-strength"
        />
        <StrengthMeter password={next()} id="forgot-new-strength" use={synced() ? 'sync' : 'vault'} />
        <PasswordInput
          id="forgot-confirm"
          label="Confirm new master password"
          value={confirm()}
          onInput={setConfirm}
          autocomplete="new-password"
          disabled={busy() !== null}
        />
        <Show when={synced()}>
          <p class="field-hint">
            Sync stays on for this device. The account's password is not changed by this: a new device still signs in
            with the old one.
          </p>
        </Show>
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
              <button type="submit" class="button button-primary">
                Set the new password
              </button>
              <button type="button" class="button" onClick={() => props.onCancel()}>
                Cancel
              </button>
            </div>
          }
        >
          {(label) => <Progress fraction={null} label={label()} />}
        </Show>
      </form>
    </Show>
  );
}
