import { createSignal, Show } from 'solid-js';
import { useServices } from '../app/services.tsx';
import { Progress } from '../components/Progress.tsx';
import { SignInHint } from './account/SignInHint.tsx';
import { FormError } from '../components/FormError.tsx';
import { createNewPassword, NewPasswordFields } from '../components/NewPasswordFields.tsx';
import type { Farewell } from '../services/farewell.ts';

// Creating the vault: the master password is the only key to it, so the screen insists on a
// confirmation, shows how guessable it is and says plainly that it cannot be recovered.
// After this device removed its own vault (erased from another device, or signed out with the
// vault removed), the first screen says so once, so an empty app is not mistaken for lost codes.
function farewellText(farewell: Farewell): string {
  const at = new Date(farewell.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return farewell.kind === 'erased'
    ? `Tessera was erased from this device on ${at}, as asked from another of your devices. Your synced codes are still in your sync account.`
    : `You signed out on ${at} and the vault was removed from this device. If it synced, your codes are still in your sync account.`;
}

export function FirstRun() {
  const { session, recovery, account } = useServices();
  const password = createNewPassword(() => 'vault');
  const [understood, setUnderstood] = createSignal(false);
  const [attempted, setAttempted] = createSignal(false);
  const [busy, setBusy] = createSignal<number | null | false>(false);
  const [failure, setFailure] = createSignal<string | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() !== false) return;
    setAttempted(true);
    // The estimator is a lazy chunk: the form waits for its verdict rather than guessing.
    if (!(await password.check()) || !understood()) return;
    setFailure(null);
    setBusy(null);
    try {
      await session.createVault(
        password.password(),
        (fraction) => setBusy(fraction >= 1 ? 1 : null),
        recovery.makeWithVaultKey,
      );
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  };

  return (
    <main class="gate">
      <div class="gate-card">
        <img class="gate-logo" src="/icons/icon-192.png" alt="" width="56" height="56" />
        <Show when={account.farewell}>
          {(farewell) => (
            <p class="callout callout-info" role="status">
              {farewellText(farewell())} <a href="#/signin">Sign in to bring them back</a>
            </p>
          )}
        </Show>
        <h1>Create your vault</h1>
        <p class="gate-lead">
          Your codes and logins are encrypted on this device with a master password. Nobody else, including Tessera, can
          open them.
        </p>
        <form onSubmit={submit} novalidate aria-describedby="first-run-warning">
          <NewPasswordFields
            field={password}
            id="password"
            label="Master password"
            confirmLabel="Confirm master password"
            autofocus
            disabled={busy() !== false}
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
          <FormError
            text={
              attempted() && !understood()
                ? 'Confirm that you understand what happens if you lose the password and the recovery key.'
                : null
            }
          />
          <FormError text={failure() && `Could not create the vault: ${failure()}`} />
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
