import { createSignal, Show } from 'solid-js';
import { isTesseraError } from '@tessera/core/errors';
import { useServices } from '../../app/services.tsx';
import './recovery.css';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { createNewPassword, NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import type { SecondFactorStep } from '../../services/account-signin.ts';
import { SecondFactor } from '../account/SecondFactor.tsx';

// "Forgot password?" on the unlock screen: the recovery key opens the vault key and a new master
// password wraps it (docs/web.md, "Recovery key"). Without sync everything happens on this device,
// offline. With sync the account's password is reset too (docs/api.md, "POST /api/v1/auth/recover"),
// after the account's second factor when it has one; without a connection, or when the account
// does not know this key, the user may set the password on this device only.
const BUSY: Record<'new' | 'server' | 'open', string> = {
  new: 'Strengthening the new password (Argon2id)…',
  server: "Resetting your sync account's password…",
  open: 'Opening your vault…',
};

export function ForgotPassword(props: { onCancel: () => void }) {
  const { recovery, account } = useServices();
  const [key, setKey] = createSignal('');
  const next = createNewPassword(() => (synced() ? 'sync' : 'vault'));
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [step, setStep] = createSignal<SecondFactorStep | null>(null);
  // Offered after the account could not be reset: the new password on this device alone.
  const [localOffer, setLocalOffer] = createSignal(false);
  const synced = () => account.account() !== null;

  const run = async (localOnly: boolean) => {
    setError(null);
    setLocalOffer(false);
    setBusy('Checking the recovery key…');
    try {
      const outcome = await recovery.reset(key(), next.password(), (at) => setBusy(BUSY[at]), { localOnly });
      if (outcome.kind === 'second-factor') {
        setBusy(null);
        setStep(outcome.step);
      }
    } catch (failure) {
      setBusy(null);
      if (isTesseraError(failure, 'offline') || isTesseraError(failure, 'not-on-server')) setLocalOffer(true);
      setError(
        isTesseraError(failure, 'wrong-recovery-key')
          ? 'This recovery key does not open this vault. If you made a newer recovery key, use that one.'
          : failure instanceof Error
            ? failure.message
            : String(failure),
      );
    }
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (!key().trim()) return setError('Type the recovery key from your emergency sheet.');
    setError(null);
    if (!(await next.check())) return;
    await run(false);
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
      <Show when={step()}>
        {(current) => (
          <div class="recovery-forgot">
            <h2 id="forgot-heading">Confirm it is you</h2>
            <p class="muted">
              Your sync account asks for its second step before its password is reset. Nothing changes until the code is
              right.
            </p>
            <SecondFactor
              step={current()}
              onDone={() => setStep(null)}
              onCancel={(reason) => {
                current().cancel();
                setStep(null);
                setError(reason ?? 'Nothing was changed. Type the recovery key again to start over.');
              }}
            />
          </div>
        )}
      </Show>
      <Show when={!step()}>
        <form class="recovery-forgot" onSubmit={submit} novalidate aria-labelledby="forgot-heading">
          <h2 id="forgot-heading">Set a new master password</h2>
          <p class="muted">
            Type the recovery key from your emergency sheet and choose a new master password.
            {/* With sync the account is reset too, which needs the network; the device alone does not. */}
            {synced() ? '' : ' This works offline.'}
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
          <NewPasswordFields
            field={next}
            id="forgot-new-password"
            label="New master password"
            confirmLabel="Confirm new master password"
            disabled={busy() !== null}
          />
          <Show when={synced()}>
            <p class="field-hint">
              Your sync account's password changes too: every other device signs in again with the new one. If the
              account asks for a second step at sign-in, it asks for it here as well.
            </p>
          </Show>
          <FormError text={error()} />
          <Show when={localOffer() && !busy()}>
            <button type="button" class="button" onClick={() => void run(true)}>
              Set it on this device only
            </button>
          </Show>
          <FormActions busy={busy()} submit="Set the new password" cancel={{ onClick: () => props.onCancel() }} />
        </form>
      </Show>
    </Show>
  );
}
