import { createStore, type SetStoreFunction, type Store } from 'solid-js/store';
import type { ListKind, SortOrder } from '../lib/record-list.ts';
import { DRILL_CHOICES, isDrillRecord, type DrillRecord } from '../lib/restore-drill.ts';
import type { TesseraDb } from './db.ts';

// Device settings: not secret, readable before unlock (the lock rules apply while locked), kept
// in the settings table one row per key. Values read back are checked, so a bad row falls back
// to the default instead of breaking the app.
export interface Settings {
  /** Lock after this long without input; 0 = never. */
  idleLockMinutes: number;
  /** Lock after the app has been hidden (other tab, other app, screen off) this long; -1 = never. */
  hiddenLockMinutes: number;
  /** Clear a copied code or password after this long; 0 = never. */
  clipboardClearSeconds: number;
  sort: SortOrder;
  kind: ListKind;
  /** Added to the device clock for time-based codes, after the clock check (docs/web-sync.md). */
  clockOffsetMs: number;
  /** When a backup of this vault was last exported (ms); 0 = never. */
  lastBackupAt: number;
  /** The vault existed before recovery keys and the user said "Not now" to the offer. */
  recoveryOfferDismissed: boolean;
  /** How many automatic backups to keep (docs/web.md, "Automatic backups"). */
  autoBackupKeep: number;
  /** When the last automatic backup was written (unix ms), null before the first. */
  lastAutoBackupAt: number | null;
  /** When the backup the user last saved or shared off this device was written, null if never. */
  lastCopySavedAt: number | null;
  /** When the first automatic backup was written (unix ms), null before it: a restore drill is first due from it. */
  firstAutoBackupAt: number | null;
  /** Days between restore drills; 0 = no reminder (docs/web.md, "Restore drill"). */
  restoreDrillDays: number;
  /** The last restore drill's result, null before the first. */
  lastRestoreDrill: DrillRecord | null;
  /** Brand icons from Simple Icons instead of letters where a record names a known brand. */
  brandIcons: boolean;
  /** Records in Recently deleted are purged this many days after their deletion; 0 = never (docs/web.md). */
  trashRetentionDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  idleLockMinutes: 5,
  hiddenLockMinutes: 1,
  clipboardClearSeconds: 30,
  sort: 'name',
  kind: 'codes',
  clockOffsetMs: 0,
  lastBackupAt: 0,
  recoveryOfferDismissed: false,
  autoBackupKeep: 7,
  lastAutoBackupAt: null,
  lastCopySavedAt: null,
  firstAutoBackupAt: null,
  restoreDrillDays: 30,
  lastRestoreDrill: null,
  brandIcons: true,
  trashRetentionDays: 30,
};

// A day either way: more than any honest clock error, and within what the hybrid clock accepts.
export const CLOCK_OFFSET_MAX_MS = 86_400_000;

export const IDLE_CHOICES = [1, 2, 5, 10, 15, 30, 60, 0] as const;
export const HIDDEN_CHOICES = [0, 1, 2, 5, 15, 60, -1] as const;
export const CLIPBOARD_CHOICES = [10, 20, 30, 60, 90, 0] as const;
export const BACKUP_KEEP_CHOICES = [3, 7, 14, 30] as const;
export const RETENTION_CHOICES = [7, 30, 90, 365, 0] as const;
const isTime = (v: unknown): v is number | null => v === null || (Number.isSafeInteger(v) && (v as number) >= 0);

const valid: { [K in keyof Settings]: (value: unknown) => value is Settings[K] } = {
  idleLockMinutes: (v): v is number => (IDLE_CHOICES as readonly unknown[]).includes(v),
  hiddenLockMinutes: (v): v is number => (HIDDEN_CHOICES as readonly unknown[]).includes(v),
  clipboardClearSeconds: (v): v is number => (CLIPBOARD_CHOICES as readonly unknown[]).includes(v),
  sort: (v): v is SortOrder => v === 'name' || v === 'recent' || v === 'added',
  kind: (v): v is ListKind => v === 'codes' || v === 'all',
  clockOffsetMs: (v): v is number => Number.isSafeInteger(v) && Math.abs(v as number) <= CLOCK_OFFSET_MAX_MS,
  lastBackupAt: (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0,
  recoveryOfferDismissed: (v): v is boolean => typeof v === 'boolean',
  autoBackupKeep: (v): v is number => (BACKUP_KEEP_CHOICES as readonly unknown[]).includes(v),
  lastAutoBackupAt: isTime,
  lastCopySavedAt: isTime,
  firstAutoBackupAt: isTime,
  restoreDrillDays: (v): v is number => (DRILL_CHOICES as readonly unknown[]).includes(v),
  lastRestoreDrill: (v): v is DrillRecord | null => v === null || isDrillRecord(v),
  brandIcons: (v): v is boolean => typeof v === 'boolean',
  trashRetentionDays: (v): v is number => (RETENTION_CHOICES as readonly unknown[]).includes(v),
};

export interface SettingsService {
  settings: Store<Settings>;
  set<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void>;
}

export async function loadSettings(db: TesseraDb): Promise<SettingsService> {
  const initial: Settings = { ...DEFAULT_SETTINGS };
  for (const row of await db.settings.toArray()) {
    const key = row.key as keyof Settings;
    if (key in valid && valid[key](row.value)) (initial as unknown as Record<string, unknown>)[key] = row.value;
  }
  const [settings, setSettings]: [Store<Settings>, SetStoreFunction<Settings>] = createStore(initial);
  return {
    settings,
    async set(key, value) {
      if (!valid[key](value)) throw new RangeError(`invalid value for ${key}`);
      setSettings(key, value as never);
      await db.settings.put({ key, value });
    },
  };
}
