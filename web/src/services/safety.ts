import { createSignal, type Accessor } from 'solid-js';
import { safetyFacts, type Fact } from '../lib/safety.ts';
import type { AutoBackupService } from './auto-backup.ts';
import type { RecoveryService } from './recovery.ts';
import type { RestoreDrillService } from './restore-drill.ts';
import type { SettingsService } from './settings.ts';
import { askPersistence, readPersistence, type Persistence } from './storage-persistence.ts';
import type { SyncEngine } from './sync/engine.ts';

// "Safe at a glance" (docs/web.md): the services' state gathered for lib/safety.ts, which says
// what each of the six facts is and whether it needs attention. Only persistent storage is read
// here (the browser answers it asynchronously); the rest is what the services already hold.
export interface SafetyService {
  facts: Accessor<Fact[]>;
  /** How many facts need attention: the badge on the Settings button. */
  attention: Accessor<number>;
  /** Reads `navigator.storage.persisted()` again (the vault's creation may have changed it). */
  refreshStorage(): Promise<void>;
  /** Asks for persistent storage again; the browser decides. */
  askStorage(): Promise<void>;
}

export interface SafetyDeps {
  sync: Pick<SyncEngine, 'status'>;
  backups: Pick<AutoBackupService, 'unbacked' | 'unsaved' | 'paused' | 'problem'>;
  drill: Pick<RestoreDrillService, 'due'>;
  recovery: Pick<RecoveryService, 'status'>;
  settings: SettingsService;
  now: Accessor<number>;
  persistence?: { read(): Promise<Persistence>; ask(): Promise<Persistence> };
}

export function createSafety({
  sync,
  backups,
  drill,
  recovery,
  settings,
  now,
  persistence = { read: readPersistence, ask: askPersistence },
}: SafetyDeps): SafetyService {
  const [storage, setStorage] = createSignal<Persistence | null>(null);
  const facts = () => {
    const status = sync.status();
    const paused = backups.paused();
    return safetyFacts({
      // Minutes are enough for "ago", and the panel need not re-render every second.
      now: Math.floor(now() / 60_000) * 60_000,
      sync: { kind: status.state.kind, lastSyncedAt: status.lastSyncedAt },
      backup: {
        lastAt: settings.settings.lastAutoBackupAt,
        unbacked: backups.unbacked(),
        unsaved: backups.unsaved(),
        paused: paused === 'The vault is locked.' ? null : paused,
        problem: backups.problem(),
      },
      drill: { last: settings.settings.lastRestoreDrill, due: drill.due() },
      recovery: recovery.status(),
      storage: storage(),
    });
  };
  return {
    facts,
    attention: () => facts().filter((fact) => fact.attention).length,
    async refreshStorage() {
      setStorage(await persistence.read());
    },
    async askStorage() {
      setStorage(await persistence.ask());
    },
  };
}
