import type { Accessor } from 'solid-js';
import { TesseraError } from '@tessera/core/errors';
import { displayName } from '../lib/record-list.ts';
import {
  compareBackup,
  drillDueAt,
  drillErrorKind,
  type DrillComparison,
  type DrillRecord,
} from '../lib/restore-drill.ts';
import type { AutoBackupService } from './auto-backup.ts';
import type { Session } from './session.ts';
import type { SettingsService } from './settings.ts';
import type { TransferClient } from './transfer-client.ts';

// The restore drill (docs/web.md, "Restore drill"): now and then, and on demand, the newest
// automatic backup is opened as a restore would open it, wholly in a transfer worker of its own,
// and compared with the open vault, so a forgotten password or a damaged file shows up before the
// day the backup is needed. The typed password goes to the worker and nowhere else; the worker is
// ended after each drill, so nothing the file held outlives it.

/** What opens the backup: the master password as it was when the backup was written, or the recovery key. */
export type DrillSecret = { password: string } | { recoveryKey: string };

export type DrillOutcome =
  | { kind: 'passed'; file: string; backupAt: number; comparison: DrillComparison; record: DrillRecord }
  | { kind: 'wrong-password'; file: string }
  | { kind: 'wrong-recovery-key'; file: string }
  | { kind: 'no-recovery-slot'; file: string }
  /** `keptAs`: the name it was set aside under (null if even that failed); `olderLeft`: backups still to test. */
  | { kind: 'damaged'; file: string; keptAs: string | null; olderLeft: number }
  | { kind: 'no-backup' }
  | { kind: 'failed'; message: string };

export interface RestoreDrillService {
  /** When the next drill is due (unix ms), null when none is (reminders off, or no backup yet). */
  dueAt: Accessor<number | null>;
  /** A drill is due now: the reminder on the codes list and the safety panel show it. */
  due: Accessor<boolean>;
  run(secret: DrillSecret): Promise<DrillOutcome>;
  /** Stops a drill that is running (its worker is ended); run() then answers 'failed'. */
  cancel(): void;
}

export interface RestoreDrillDeps {
  backups: Pick<AutoBackupService, 'latest' | 'setAside' | 'files'>;
  settings: SettingsService;
  session: Pick<Session, 'store'>;
  /** A transfer worker client for one drill; cancelled (ended) after it. */
  openClient: () => TransferClient;
  now: Accessor<number>;
}

export function createRestoreDrill({
  backups,
  settings,
  session,
  openClient,
  now,
}: RestoreDrillDeps): RestoreDrillService {
  let running: TransferClient | null = null;
  // A plain function over the settings store: cheap, and reactive wherever it is read.
  const dueAt = () =>
    drillDueAt({
      everyDays: settings.settings.restoreDrillDays,
      last: settings.settings.lastRestoreDrill,
      firstBackupAt: settings.settings.firstAutoBackupAt,
    });
  const record = (result: DrillRecord) => settings.set('lastRestoreDrill', result);

  return {
    dueAt,
    due: () => {
      const at = dueAt();
      return at !== null && now() >= at;
    },
    cancel() {
      running?.cancel();
    },
    async run(secret) {
      const store = session.store();
      if (!store) return { kind: 'failed', message: 'The vault is locked.' };
      const file = await backups.latest();
      if (!file) return { kind: 'no-backup' };
      const client = openClient();
      running = client;
      let summary;
      try {
        summary = await client.call(
          'drill',
          'password' in secret
            ? { file: file.bytes, password: secret.password }
            : { file: file.bytes, recoveryKey: secret.recoveryKey },
        );
      } catch (error) {
        const code = error instanceof TesseraError ? error.code : 'failed';
        const kind = drillErrorKind(code);
        const at = Date.now();
        if (kind === 'wrong-password') {
          await record({ at, ok: false, codes: 0, records: 0, file: file.name, failure: 'wrong-password' });
          return { kind, file: file.name };
        }
        if (kind === 'wrong-recovery-key' || kind === 'no-recovery-slot') return { kind, file: file.name };
        if (kind === 'damaged') {
          // Kept, never deleted: moved out of the kept backups so the next drill tests an older one.
          const keptAs = await backups.setAside(file.name).catch(() => null);
          await record({ at, ok: false, codes: 0, records: 0, file: file.name, failure: 'damaged' });
          return { kind, file: file.name, keptAs, olderLeft: backups.files().length };
        }
        return {
          kind: 'failed',
          message:
            code === 'cancelled' ? 'The test was stopped.' : error instanceof Error ? error.message : String(error),
        };
      } finally {
        running = null;
        // Ends the worker: the opened content and the password it was given go with it.
        client.cancel();
      }
      const backupAt = summary.exportedAt ?? Date.now();
      const comparison = compareBackup(
        store.records().map((view) => ({
          id: view.id,
          label: displayName(view),
          hasCode: view.otp !== null,
          deleted: view.deleted,
          createdAt: view.createdAt,
          updatedAt: view.updatedAt,
        })),
        summary,
        backupAt,
      );
      const result: DrillRecord = {
        at: Date.now(),
        ok: comparison.failed.length === 0,
        codes: comparison.codes,
        records: comparison.opened,
        file: file.name,
        failure: comparison.failed.length === 0 ? null : 'damaged',
      };
      await record(result);
      return { kind: 'passed', file: file.name, backupAt, comparison, record: result };
    },
  };
}
