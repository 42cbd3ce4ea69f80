import { createSignal, For, Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { navigate } from '../../app/router.ts';
import { describeDrill, DRILL_CHOICES, drillDate } from '../../lib/restore-drill.ts';
import { BACKUP_KEEP_CHOICES } from '../../services/settings.ts';
import { download } from '../transfer/download.ts';
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

function changes(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}

// Settings > Automatic backups: when the last one was written, how many are kept, how many
// changes are not yet in a copy off this device, and the way to save one.
export function BackupSettings() {
  const { backups, settings, drill } = useServices();
  const last = () => settings.settings.lastRestoreDrill;
  const [busy, setBusy] = createSignal(false);
  const [note, setNote] = createSignal<string | null>(null);

  const saveCopy = async () => {
    setBusy(true);
    try {
      const file = await backups.latest();
      if (!file) return setNote('There is no automatic backup yet.');
      download(file.bytes, file.name, 'application/octet-stream');
      await backups.copySaved(file);
      setNote(`Saved ${file.name}. It opens with your master password, in Tessera (Import) or with tessera decrypt.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="settings-group" id="automatic-backups">
      <h2>Automatic backups</h2>
      <p>
        <Show when={settings.settings.lastAutoBackupAt} fallback="No automatic backup yet.">
          {(at) => (
            <>
              Last backup {when(at())}; {backups.files().length === 1 ? '1 is' : `${backups.files().length} are`} kept
              {backups.folder() && !backups.folderNeedsPermission()
                ? ` in the folder “${backups.folder()}”.`
                : " in this browser's private storage."}
            </>
          )}
        </Show>
      </p>
      <p class="muted">
        Written a few seconds after each change and at least daily while Tessera is open, encrypted with your master
        password. They live on this device: save a copy elsewhere so losing the device does not lose them.
      </p>
      <Show when={backups.canPickFolder}>
        <div class="backup-folder">
          <Show when={backups.folderNeedsPermission()}>
            <p class="field-hint" role="status">
              Tessera needs your permission again to write to the folder “{backups.folder()}”. Until then, backups are
              kept in this browser's private storage.
            </p>
            <button type="button" class="button button-primary" onClick={() => void backups.allowFolder()}>
              Allow access to “{backups.folder()}”
            </button>
          </Show>
          <Show
            when={backups.folder()}
            fallback={
              <button type="button" class="button" onClick={() => void backups.pickFolder()}>
                Keep backups in a folder…
              </button>
            }
          >
            <div class="button-row">
              <button type="button" class="button" onClick={() => void backups.pickFolder()}>
                Choose another folder…
              </button>
              <button type="button" class="button" onClick={() => void backups.forgetFolder()}>
                Keep them in this browser instead
              </button>
            </div>
          </Show>
        </div>
      </Show>
      <Show when={backups.paused()}>
        {(why) => (
          <p class="field-hint" role="status">
            {why()}
          </p>
        )}
      </Show>
      <Show when={backups.problem()}>
        {(text) => (
          <p class="form-error" role="alert">
            {text()}
          </p>
        )}
      </Show>
      <p data-testid="unsaved-changes">
        {backups.unsaved() === 0
          ? 'Every change is in a copy you saved off this device.'
          : `${changes(backups.unsaved())} not in a copy saved off this device.`}
      </p>
      <div class="setting">
        <label for="backup-keep">Backups to keep</label>
        <select
          id="backup-keep"
          value={String(settings.settings.autoBackupKeep)}
          onChange={(e) => void settings.set('autoBackupKeep', Number(e.currentTarget.value))}
        >
          <For each={BACKUP_KEEP_CHOICES}>{(n) => <option value={String(n)}>{n}</option>}</For>
        </select>
      </div>
      <Show when={note()}>{(text) => <p role="status">{text()}</p>}</Show>
      <button type="button" class="button" onClick={() => void saveCopy()} disabled={busy()}>
        Save a copy of the latest backup
      </button>
      <h3 id="restore-drill">Restore test</h3>
      <p data-testid="restore-drill-status" class="drill-status" data-ok={String(last()?.ok ?? true)}>
        {describeDrill(last())}
      </p>
      <p class="muted">
        {drill.due()
          ? 'A test is due: open the newest backup with its password to be sure it works before you need it.'
          : drill.dueAt() !== null
            ? `Next test due ${drillDate(drill.dueAt()!)}.`
            : 'Opens the newest backup with its password, on this device, and compares it with your vault.'}
      </p>
      <button type="button" class="button" onClick={() => navigate({ name: 'drill' })}>
        Test a restore…
      </button>
      <div class="setting">
        <label for="drill-every">Remind me to test a restore</label>
        <select
          id="drill-every"
          value={String(settings.settings.restoreDrillDays)}
          onChange={(e) => void settings.set('restoreDrillDays', Number(e.currentTarget.value))}
        >
          <For each={DRILL_CHOICES}>
            {(n) => <option value={String(n)}>{n === 0 ? 'Never' : `Every ${n} days`}</option>}
          </For>
        </select>
      </div>
    </div>
  );
}
