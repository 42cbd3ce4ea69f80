import { createSignal, Show } from 'solid-js';
import { isTesseraError } from '@tessera/core/errors';
import type { ImportProblem } from '@tessera/core/transfer/types';
import { createNewPassword, NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import type { TransferService } from '../../services/transfer.ts';
import { download } from './download.ts';
import { MasterGate } from './MasterGate.tsx';
import { describeTransferProblem, type TransferProblem } from './messages.ts';
import { aegisFileName, plural } from './names.ts';
import { ProblemBox } from './ProblemBox.tsx';
import { Working } from './Working.tsx';

// An Aegis vault file (docs/import-export.md, "Aegis export"): the format Aegis, 2FAS, Ente Auth,
// Stratum, Proton Authenticator and most other authenticators import. Encrypted under a password
// chosen here (Aegis's scrypt slot, run in the transfer worker), or plain behind the master
// password, as the other exports that show secrets in the clear. The file leaves the device like
// a backup: its password needs what a backup's needs.

export function ExportAegis(props: { transfer: TransferService }) {
  const password = createNewPassword(() => 'backup');
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<TransferProblem | null>(null);
  const [saved, setSaved] = createSignal<{ name: string; encrypted: boolean; skipped: ImportProblem[] } | null>(null);
  const [plainOpen, setPlainOpen] = createSignal(false);

  const save = async (withPassword: string | undefined) => {
    setBusy(true);
    setProblem(null);
    try {
      const { json, skipped } = await props.transfer.aegis(withPassword);
      const name = aegisFileName(new Date());
      download(json, name, 'application/json');
      setSaved({ name, encrypted: withPassword !== undefined, skipped });
    } catch (error) {
      if (!isTesseraError(error, 'cancelled')) setProblem(describeTransferProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || !(await password.check())) return;
    const chosen = password.password();
    password.clear();
    await save(chosen);
  };

  const leftOut = () => saved()?.skipped.filter((s) => !s.imported).length ?? 0;
  const trimmed = () => saved()?.skipped.filter((s) => s.imported).length ?? 0;

  return (
    <div class="transfer-export">
      <h1 tabIndex={-1} data-autofocus>
        Aegis file
      </h1>
      <p class="muted">
        Every code with its notes, tags and favourite mark, as an Aegis vault file: Aegis, 2FAS, Ente Auth, Stratum,
        Proton Authenticator and most other authenticator apps import it. Aegis keeps codes only: titles, web addresses,
        usernames and passwords stay in Tessera (the encrypted backup keeps everything).
      </p>
      <Show when={saved()}>
        {(file) => (
          <div class="transfer-success" role="status">
            <p>
              <strong>Saved {file().name}</strong> ({file().encrypted ? 'encrypted' : 'not encrypted'}).
              <Show when={leftOut() > 0}> {plural(leftOut(), 'login')} without a code left out.</Show>
              <Show when={trimmed() > 0}>
                {' '}
                {plural(trimmed(), 'record')} saved without the title, address, username or password Aegis has no place
                for.
              </Show>
            </p>
          </div>
        )}
      </Show>
      <form onSubmit={submit} novalidate>
        <NewPasswordFields
          field={password}
          id="aegis-password"
          label="Password for the Aegis file"
          confirmLabel="Repeat the password"
          disabled={busy()}
        />
        <Show when={problem()}>{(p) => <ProblemBox problem={p()} />}</Show>
        <Show
          when={busy()}
          fallback={
            <button type="submit" class="button button-primary">
              Create the encrypted Aegis file
            </button>
          }
        >
          <Working label="Encrypting the Aegis file (scrypt)…" onCancel={() => props.transfer.cancel()} />
        </Show>
      </form>
      <h2 class="transfer-aegis-plain">Without a password</h2>
      <Show
        when={plainOpen()}
        fallback={
          <MasterGate
            transfer={props.transfer}
            id="aegis-plain"
            action="Continue"
            onOpen={() => setPlainOpen(true)}
            warning={
              <>
                <strong>A file without a password holds every secret in plain text.</strong> Anyone who gets it can make
                your codes. Import it at once and delete it.
              </>
            }
          />
        }
      >
        <div class="transfer-actions">
          <button type="button" class="button button-primary" disabled={busy()} onClick={() => void save(undefined)}>
            Download the Aegis file without a password
          </button>
        </div>
      </Show>
    </div>
  );
}
