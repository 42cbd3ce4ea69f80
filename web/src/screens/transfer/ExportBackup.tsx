import { createSignal, Show } from 'solid-js';
import { isTesseraError } from '@tessera/core/errors';
import { useServices, useVault } from '../../app/services.tsx';
import { createNewPassword, NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import type { TransferService } from '../../services/transfer.ts';
import { download } from './download.ts';
import { describeTransferProblem, type TransferProblem } from './messages.ts';
import { backupFileName, plural } from './names.ts';
import { ProblemBox } from './ProblemBox.tsx';
import { Working } from './Working.tsx';

// The Tessera encrypted backup (docs/import-export.md, "Tessera backup file"): the whole vault
// under a password of its own, chosen here and typed twice, Argon2id in the transfer worker.
// It leaves the device, so its password needs what a backup's needs (lib/strength.ts).

export function ExportBackup(props: { transfer: TransferService }) {
  const vault = useVault();
  const { settings } = useServices();
  const password = createNewPassword(() => 'backup');
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<TransferProblem | null>(null);
  const [saved, setSaved] = createSignal<{ bytes: Uint8Array; name: string; records: number } | null>(null);
  const count = () => vault.records().filter((record) => !record.deleted).length;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || !(await password.check())) return;
    setBusy(true);
    setProblem(null);
    try {
      const records = count();
      const bytes = await props.transfer.backup(password.password());
      const name = backupFileName(new Date());
      download(bytes, name, 'application/octet-stream');
      // The backup reminder (components/BackupReminder.tsx) stops once a backup exists.
      void settings.set('lastBackupAt', Date.now());
      password.clear();
      setSaved({ bytes, name, records });
    } catch (error) {
      if (!isTesseraError(error, 'cancelled')) setProblem(describeTransferProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="transfer-export">
      <h1 tabIndex={-1} data-autofocus>
        Encrypted backup
      </h1>
      <p class="muted">
        A file with every record ({plural(count(), 'record')}: logins, notes and codes), encrypted with a password you
        choose now. Tessera imports it on any device. It also opens without the app or a server: on any computer with
        Node.js, Tessera's command-line tool reads it with <code>tessera decrypt &lt;file&gt;</code>.
      </p>
      <Show when={saved()}>
        {(file) => (
          <div class="transfer-success" role="status">
            <p>
              <strong>Saved {file().name}</strong> ({plural(file().records, 'record')}). Keep its password apart from
              the file: without it the backup cannot be opened, by you or anyone.
            </p>
            <button
              type="button"
              class="button"
              onClick={() => download(file().bytes, file().name, 'application/octet-stream')}
            >
              Download again
            </button>
          </div>
        )}
      </Show>
      <form onSubmit={submit} novalidate>
        <NewPasswordFields
          field={password}
          id="backup-password"
          label="Backup password"
          confirmLabel="Repeat the backup password"
          disabled={busy()}
        />
        <Show when={problem()}>{(p) => <ProblemBox problem={p()} />}</Show>
        <Show
          when={busy()}
          fallback={
            <button type="submit" class="button button-primary">
              Create the backup
            </button>
          }
        >
          <Working label="Encrypting the backup (Argon2id)…" onCancel={() => props.transfer.cancel()} />
        </Show>
      </form>
    </div>
  );
}
