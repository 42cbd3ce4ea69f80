import { createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { navigate } from '../../app/router.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { drillDate, plural } from '../../lib/restore-drill.ts';
import type { DrillOutcome } from '../../services/restore-drill.ts';
import { BackBar } from '../RecordDetail.tsx';
import './backup.css';

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

// "Test a restore" (docs/web.md, "Restore drill"): the newest automatic backup is opened with the
// password typed here, in a worker, and compared with the vault. The password lives in this
// screen's field only until the test starts; it is cleared as soon as the worker has it.
export function RestoreDrill() {
  const { drill, backups } = useServices();
  const [useKey, setUseKey] = createSignal(false);
  const [secret, setSecret] = createSignal('');
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [outcome, setOutcome] = createSignal<DrillOutcome | null>(null);
  const [note, setNote] = createSignal<string | null>(null);
  let field: HTMLInputElement | undefined;
  // Leaving the screen mid-test ends the worker.
  onCleanup(() => {
    setSecret('');
    drill.cancel();
  });

  const run = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const typed = secret();
    if (!typed) return setError(useKey() ? 'Enter your recovery key.' : 'Enter the password the backup opens with.');
    setError(null);
    setNote(null);
    setOutcome(null);
    setSecret('');
    setBusy('Opening the backup on this device…');
    try {
      setOutcome(await drill.run(useKey() ? { recoveryKey: typed } : { password: typed }));
    } finally {
      setBusy(null);
    }
  };

  const writeFresh = async () => {
    setBusy('Writing a fresh backup…');
    try {
      const before = backups.files()[0];
      await backups.writeNow();
      const after = backups.files()[0];
      if (after && after !== before) {
        setOutcome(null);
        setNote(`A fresh backup was written (${after}), sealed with your current master password. Test it now.`);
        field?.focus();
      } else setNote(backups.paused() ?? backups.problem() ?? 'No backup could be written now.');
    } finally {
      setBusy(null);
    }
  };

  const again = (text: string) => {
    setOutcome(null);
    setNote(text);
    queueMicrotask(() => field?.focus());
  };

  return (
    <section class="detail" aria-labelledby="drill-title">
      <BackBar title="Test a restore" />
      <div class="detail-body drill">
        <h1 id="drill-title" tabIndex={-1}>
          Test a restore
        </h1>
        <p>
          Tessera opens your newest automatic backup on this device, the way a restore would, and compares it with your
          vault. Nothing is restored or changed, and nothing is sent anywhere.
        </p>
        <Show
          when={backups.files()[0]}
          fallback={<p class="muted">There is no automatic backup on this device yet.</p>}
        >
          {(name) => <p class="muted">Newest backup: {name()}</p>}
        </Show>
        <form class="drill-form" onSubmit={(e) => void run(e)}>
          <Show
            when={useKey()}
            fallback={
              <>
                <PasswordInput
                  id="drill-password"
                  label="Password the backup opens with"
                  value={secret()}
                  onInput={setSecret}
                  autocomplete="off"
                  describedBy="drill-password-hint"
                  disabled={busy() !== null}
                  ref={(el) => {
                    field = el;
                  }}
                />
                <p class="field-hint" id="drill-password-hint">
                  A backup is sealed with your master password as it was when the backup was written: your current
                  master password, unless you changed it since.
                </p>
              </>
            }
          >
            <div class="field">
              <label for="drill-recovery-key">Recovery key</label>
              <input
                id="drill-recovery-key"
                class="recovery-key-input"
                value={secret()}
                onInput={(e) => setSecret(e.currentTarget.value)}
                autocomplete="off"
                autocapitalize="characters"
                spellcheck={false}
                disabled={busy() !== null}
                ref={(el) => {
                  field = el;
                }}
              />
            </div>
          </Show>
          <FormError text={error()} />
          <Show when={note()}>{(text) => <p role="status">{text()}</p>}</Show>
          <button
            type="button"
            class="link-button drill-switch"
            disabled={busy() !== null}
            onClick={() => {
              setSecret('');
              setError(null);
              setUseKey(!useKey());
            }}
          >
            {useKey() ? 'Use the password instead' : 'Use the recovery key instead'}
          </button>
          <FormActions busy={busy()} submit="Test the backup" />
        </form>

        <Show when={outcome()}>
          {(result) => (
            <div
              class="drill-result"
              data-outcome={result().kind}
              role="status"
              ref={(el) => queueMicrotask(() => el.scrollIntoView({ block: 'nearest' }))}
            >
              <Switch>
                <Match when={result().kind === 'passed' && result()} keyed>
                  {(r) => r.kind === 'passed' && <Passed outcome={r} />}
                </Match>
                <Match when={result().kind === 'wrong-password' && result()} keyed>
                  {(r) =>
                    r.kind === 'wrong-password' && (
                      <>
                        <h2>This password does not open the backup</h2>
                        <p>
                          {r.file} is sealed with your master password as it was when it was written. If you changed
                          your master password since, try the previous one. Otherwise write a fresh backup now, sealed
                          with your current master password, and test that one.
                        </p>
                        <div class="button-row">
                          <button type="button" class="button button-primary" onClick={() => void writeFresh()}>
                            Write a fresh backup now
                          </button>
                          <button type="button" class="button" onClick={() => again('Type the other password.')}>
                            Try another password
                          </button>
                        </div>
                      </>
                    )
                  }
                </Match>
                <Match when={result().kind === 'wrong-recovery-key' && result()} keyed>
                  {(r) =>
                    r.kind === 'wrong-recovery-key' && (
                      <>
                        <h2>This recovery key does not open the backup</h2>
                        <p>
                          {r.file} carries the recovery key that was current when it was written. Check the key, or test
                          with your master password.
                        </p>
                      </>
                    )
                  }
                </Match>
                <Match when={result().kind === 'no-recovery-slot' && result()} keyed>
                  {(r) =>
                    r.kind === 'no-recovery-slot' && (
                      <>
                        <h2>This backup opens only with its password</h2>
                        <p>
                          {r.file} was written while the vault had no recovery key. Test it with your master password.
                        </p>
                      </>
                    )
                  }
                </Match>
                <Match when={result().kind === 'damaged' && result()} keyed>
                  {(r) =>
                    r.kind === 'damaged' && (
                      <>
                        <h2>The backup is damaged</h2>
                        <p>
                          {r.file} cannot be read, whatever the password: its bytes are not the ones Tessera wrote.{' '}
                          {r.keptAs
                            ? `It is kept aside as ${r.keptAs}, not deleted.`
                            : 'It is kept where it is, not deleted.'}{' '}
                          Write a fresh backup now so the newest one opens.
                        </p>
                        <div class="button-row">
                          <button type="button" class="button button-primary" onClick={() => void writeFresh()}>
                            Write a fresh backup now
                          </button>
                          <Show when={r.olderLeft > 0}>
                            <button
                              type="button"
                              class="button"
                              onClick={() =>
                                again(`Type the password again to test the older backup, ${backups.files()[0] ?? ''}.`)
                              }
                            >
                              Test the older backup
                            </button>
                          </Show>
                        </div>
                      </>
                    )
                  }
                </Match>
                <Match when={result().kind === 'no-backup'}>
                  <h2>There is no backup to test yet</h2>
                  <p>Write one now: it opens with your current master password.</p>
                  <button type="button" class="button button-primary" onClick={() => void writeFresh()}>
                    Write a backup now
                  </button>
                </Match>
                <Match when={result().kind === 'failed' && result()} keyed>
                  {(r) =>
                    r.kind === 'failed' && (
                      <>
                        <h2>The test could not finish</h2>
                        <p>
                          {r.message} Nothing was learned about the backup and nothing changed. Try again; if this
                          device is short of memory, close other tabs first.
                        </p>
                      </>
                    )
                  }
                </Match>
              </Switch>
            </div>
          )}
        </Show>
        <button type="button" class="link-button" onClick={() => navigate({ name: 'settings' })}>
          Back to Settings
        </button>
      </div>
    </section>
  );
}

function Passed(props: { outcome: Extract<DrillOutcome, { kind: 'passed' }> }) {
  const c = () => props.outcome.comparison;
  const old = () => c().missing.filter((m) => !m.afterBackup);
  const recent = () => c().missing.filter((m) => m.afterBackup);
  return (
    <>
      <h2>
        Restore tested on {drillDate(props.outcome.record.at)}: {plural(c().codes, 'code')} open
      </h2>
      <p>
        {props.outcome.file}, written {when(props.outcome.backupAt)}, opened with what you typed:{' '}
        {plural(c().opened, 'record')} read back whole.
      </p>
      <Show when={c().failed.length > 0}>
        <p class="form-error">
          {plural(c().failed.length, 'record')} in the backup did not read back:{' '}
          {c()
            .failed.map((f) => f.label)
            .join(', ')}
          . Write a fresh backup and test it again.
        </p>
      </Show>
      <Show
        when={c().missing.length > 0 || c().extra.length > 0 || c().changedSince > 0}
        fallback={<p>It holds every record in your vault, as they are now.</p>}
      >
        <Show when={recent().length > 0 || c().changedSince > 0}>
          <p class="muted">
            Changes made after this backup was written are not in it; the next backup, written a few seconds after a
            change, has them.
            {c().changedSince > 0 ? ` ${plural(c().changedSince, 'record')} changed since.` : ''}
          </p>
        </Show>
        <Show when={c().missing.length > 0}>
          <h3>In your vault, not in this backup ({c().missing.length})</h3>
          <ul class="drill-list" data-testid="drill-missing">
            <For each={[...old(), ...recent()]}>
              {(m) => (
                <li>
                  {m.label}
                  <span class="muted">{m.afterBackup ? ' · added or changed after the backup' : ''}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={c().extra.length > 0}>
          <h3>In this backup, no longer in your vault ({c().extra.length})</h3>
          <ul class="drill-list" data-testid="drill-extra">
            <For each={c().extra}>
              {(m) => (
                <li>
                  {m.label}
                  <span class="muted">{m.inTrash ? ' · in Recently deleted' : ' · deleted since'}</span>
                </li>
              )}
            </For>
          </ul>
          <p class="muted">Import this backup (Import / Export) if you need one of them back.</p>
        </Show>
      </Show>
    </>
  );
}
