import { createSignal, Match, Show, Switch } from 'solid-js';
import { isTesseraError } from '@tessera/core/errors';
import { useServices } from '../../app/services.tsx';
import { FormError } from '../../components/FormError.tsx';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import './recovery.css';

function day(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

// Settings > Recovery key: when it was made and last checked; check it by typing it back; make a
// new one (the master password proves the owner; the old key stops opening anything).
export function RecoverySettings() {
  const { recovery, account } = useServices();
  const synced = () => account.account() !== null;
  const [mode, setMode] = createSignal<'idle' | 'check' | 'make'>('idle');
  const [text, setText] = createSignal('');
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [checked, setChecked] = createSignal(false);

  const close = () => {
    setMode('idle');
    setText('');
    setError(null);
  };

  const check = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setBusy('Checking…');
    try {
      await recovery.verify(text());
      close();
      setChecked(true);
    } catch (failure) {
      setError(
        isTesseraError(failure, 'wrong-recovery-key')
          ? 'This is not the current recovery key of this vault. If you cannot find the current one, make a new one.'
          : failure instanceof Error
            ? failure.message
            : String(failure),
      );
    } finally {
      setBusy(null);
    }
  };

  const make = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (!text()) return setError('Enter your master password.');
    setBusy('Checking your password (Argon2id)…');
    try {
      await recovery.make(text());
      close();
    } catch (failure) {
      setError(
        isTesseraError(failure, 'wrong-password')
          ? 'Wrong master password.'
          : failure instanceof Error
            ? failure.message
            : String(failure),
      );
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="settings-group" id="recovery-key">
      <h2>Recovery key</h2>
      <Show
        when={recovery.status()}
        fallback={
          <p>
            This vault has no recovery key: if you forget the master password, nothing can open it. Make one and keep it
            on paper.
          </p>
        }
      >
        {(status) => (
          <p role={checked() ? 'status' : undefined}>
            Made on {day(status().createdAt)}.{' '}
            {status().verifiedAt !== null
              ? `Checked on ${day(status().verifiedAt!)}.`
              : 'Not checked yet: type it in once to be sure your copy is right.'}
            <Show when={synced()}>
              {' '}
              {status().onServer
                ? 'Your sync account holds it too, so it also resets the account’s password.'
                : 'Your sync account does not hold it, so it cannot reset the account’s password: make a new one.'}
            </Show>
          </p>
        )}
      </Show>
      <Switch>
        <Match when={mode() === 'idle'}>
          <div class="button-row">
            <Show when={recovery.status()}>
              <button
                type="button"
                class="button"
                onClick={() => {
                  setChecked(false);
                  setMode('check');
                }}
              >
                Check the recovery key…
              </button>
            </Show>
            <button
              type="button"
              class="button"
              onClick={() => {
                setChecked(false);
                setMode('make');
              }}
            >
              {recovery.status() ? 'Make a new recovery key…' : 'Make a recovery key…'}
            </button>
          </div>
        </Match>
        <Match when={mode() === 'check'}>
          <form class="account-form" onSubmit={check} novalidate>
            <div class="field">
              <label for="recovery-check-input">Recovery key</label>
              <input
                id="recovery-check-input"
                class="recovery-key-input"
                type="text"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck={false}
                value={text()}
                onInput={(e) => setText(e.currentTarget.value)}
                disabled={busy() !== null}
              />
            </div>
            <FormError text={error()} />
            <FormActions busy={busy()} submit="Check" cancel={{ onClick: close }} />
          </form>
        </Match>
        <Match when={mode() === 'make'}>
          <form class="account-form" onSubmit={make} novalidate>
            <Show when={recovery.status()}>
              <p class="callout callout-warning">
                The current recovery key stops working as soon as the new one is made
                {synced() ? ', on every device of your sync account' : ''}.
              </p>
            </Show>
            <PasswordInput
              id="recovery-make-password"
              label="Master password"
              value={text()}
              onInput={setText}
              autocomplete="current-password"
              disabled={busy() !== null}
            />
            <FormError text={error()} />
            <FormActions busy={busy()} submit="Make the recovery key" cancel={{ onClick: close }} />
          </form>
        </Match>
      </Switch>
    </div>
  );
}
