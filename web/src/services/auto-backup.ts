import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { equalBytes, wipe } from '@tessera/core/crypto/bytes';
import { sealBackupUnderKek } from '@tessera/core/transfer/backup-file';
import { backupContent } from '@tessera/core/transfer/backup';
import { exportViews } from '@tessera/core/transfer/records';
import type { TesseraDb } from './db.ts';
import type { Session } from './session.ts';
import type { SettingsService } from './settings.ts';

// Automatic encrypted backups (docs/web.md, "Automatic backups"): an ordinary Tessera backup file
// (docs/import-export.md), sealed under the kek of the last unlock so it opens with the master
// password (and, carrying the vault's recovery slot, with the recovery key), written a few seconds after a change and at least daily while the app is open, the
// last N kept, in a folder reached through the File System Access directory-handle interface:
// the origin private file system here, which every current engine has.
export const BACKUP_DELAY_MS = 5_000;
const DAY_MS = 86_400_000;
const CHECK_EVERY_MS = 3_600_000;
const FOLDER = 'tessera-backups';
const FILE = /^tessera-auto-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.tessera$/;

export interface BackupFile {
  name: string;
  bytes: Uint8Array;
}

// File System Access's picker and permission calls, which TypeScript's DOM library lacks.
type PermissionMode = { mode: 'readwrite' };
interface PickedFolder extends FileSystemDirectoryHandle {
  queryPermission?(options: PermissionMode): Promise<PermissionState>;
  requestPermission?(options: PermissionMode): Promise<PermissionState>;
}
type FolderPicker = (options: { id: string; mode: 'readwrite' }) => Promise<PickedFolder>;
// The picked folder's handle is kept in the settings table under this key (IndexedDB stores
// handles as they are; the permission does not survive a reload, so it is asked again).
const FOLDER_ROW = 'backupFolder';

function folderPicker(): FolderPicker | null {
  const picker = (globalThis as { showDirectoryPicker?: FolderPicker }).showDirectoryPicker;
  return typeof picker === 'function' ? picker.bind(globalThis) : null;
}

export interface AutoBackupService {
  /** Whether this browser lets the page write to a folder the user picks (File System Access). */
  canPickFolder: boolean;
  /** The picked folder's name, or null while backups go to the private file system. */
  folder: Accessor<string | null>;
  /** The picked folder needs its permission granted again (after a reload): backups go to the private file system meanwhile. */
  folderNeedsPermission: Accessor<boolean>;
  /** Shows the folder picker (a user gesture); backups go there from now on. */
  pickFolder(): Promise<void>;
  /** Asks again for access to the picked folder (a user gesture). */
  allowFolder(): Promise<void>;
  /** Back to the private file system. */
  forgetFolder(): Promise<void>;
  /** Files kept, newest first (names only). */
  files: Accessor<readonly string[]>;
  /** Changes (records written since) not in the last backup. */
  unbacked: Accessor<number>;
  /** Changes not in a copy the user saved off this device. */
  unsaved: Accessor<number>;
  /** The oldest change not in a saved copy (unix ms), for the reminder; null when none. */
  oldestUnsaved: Accessor<number | null>;
  /** Why backups are not being written now, or null when they are. */
  paused: Accessor<string | null>;
  /** The last failure to write, in words, or null. */
  problem: Accessor<string | null>;
  writeNow(): Promise<void>;
  latest(): Promise<BackupFile | null>;
  /**
   * Moves a backup that does not open out of the kept files, under `damaged-<name>` in the same
   * folder: never deleted, never counted or removed as a kept backup again. Returns the new name.
   */
  setAside(name: string): Promise<string>;
  /** The user saved or shared `latest()` off this device. */
  copySaved(file: BackupFile): Promise<void>;
  /** Starts watching the open vault; returns a function that stops it. */
  watch(): () => void;
}

/**
 * Removes every automatic backup kept in the origin's private file system (a device erased from
 * another device, docs/web.md "A lost device forgets"). Files in a folder the user picked are
 * outside the browser's storage: the page cannot reach them once its handle is gone.
 */
export async function eraseBackupFiles(): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return;
  try {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(FOLDER, { recursive: true });
  } catch (error) {
    // Never written on this device: nothing to remove.
    if (!(error instanceof DOMException && error.name === 'NotFoundError')) throw error;
  }
}

async function privateFolder(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(FOLDER, { create: true });
}

async function listBackups(folder: FileSystemDirectoryHandle): Promise<string[]> {
  const names: string[] = [];
  for await (const name of folder.keys()) if (FILE.test(name)) names.push(name);
  // ISO times in the names sort as the times do.
  return names.sort().reverse();
}

/** `tessera-auto-2026-12-07T02-55-12-345Z.tessera`: the write time, without characters file systems refuse. */
export function backupName(at: number): string {
  return `tessera-auto-${new Date(at).toISOString().replace(/:/g, '-').replace('.', '-')}.tessera`;
}

function timeOf(name: string): number {
  const [, date, h, m, s, ms] = /^tessera-auto-(.+)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z/.exec(name) ?? [];
  return Date.parse(`${date}T${h}:${m}:${s}.${ms}Z`);
}

export function createAutoBackup(db: TesseraDb, session: Session, settings: SettingsService): AutoBackupService {
  const [picked, setPicked] = createSignal<PickedFolder | null>(null);
  const [needsPermission, setNeedsPermission] = createSignal(false);
  const loadPicked = (async () => {
    const row = await db.settings.get(FOLDER_ROW);
    const handle = row?.value as PickedFolder | undefined;
    if (handle && typeof handle === 'object' && handle.kind === 'directory') setPicked(handle);
  })().catch(() => undefined);
  // The folder backups go to: the picked one while its permission holds, else the private file
  // system (so backups never stop), with the permission to be asked again from Settings.
  const openFolder = async (): Promise<FileSystemDirectoryHandle> => {
    await loadPicked;
    const handle = picked();
    if (handle) {
      const state = (await handle.queryPermission?.({ mode: 'readwrite' })) ?? 'granted';
      setNeedsPermission(state !== 'granted');
      if (state === 'granted') return handle;
    }
    return privateFolder();
  };
  const [files, setFiles] = createSignal<readonly string[]>([]);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [stale, setStale] = createSignal(false);
  let writing: Promise<void> | null = null;

  const since = (after: number | null) => {
    const store = session.store();
    if (!store) return [];
    return store.records().filter((view) => after === null || view.updatedAt > after);
  };
  const unbacked = () => since(settings.settings.lastAutoBackupAt).length;
  // A copy off the device is a saved automatic backup or an encrypted backup exported by hand
  // (Import / Export sets lastBackupAt), whichever is newer.
  const lastCopy = () => {
    const newest = Math.max(settings.settings.lastCopySavedAt ?? 0, settings.settings.lastBackupAt);
    return newest > 0 ? newest : null;
  };
  const unsavedViews = () => since(lastCopy());
  const paused = () => {
    if (!session.store()) return 'The vault is locked.';
    if (!session.backupKey() || stale())
      return 'Automatic backups resume at the next unlock with your master password.';
    return null;
  };

  const refreshFiles = async () => setFiles(await listBackups(await openFolder()));

  const write = async () => {
    const store = session.store();
    const key = session.backupKey();
    if (!store || !key) return;
    // A password changed or reset since the unlock: a file under the old kek would open only
    // with the old password, so nothing is written until the next unlock.
    const meta = await db.meta.get('vault');
    if (!meta || !equalBytes(meta.salt, key.salt)) {
      setStale(true);
      return;
    }
    const at = Date.now();
    const content = backupContent(exportViews(store.records()), at);
    // With the vault's recovery slot, the file opens with the recovery key too (version 2).
    const recovery = meta.recovery ? { slot: meta.recovery.slot, vaultKek: store.backupVaultKek() } : undefined;
    try {
      const bytes = sealBackupUnderKek(content, key.kek, key.kdf, key.salt, recovery);
      const folder = await openFolder();
      const writable = await (await folder.getFileHandle(backupName(at), { create: true })).createWritable();
      await writable.write(bytes as Uint8Array<ArrayBuffer>);
      await writable.close();
      const names = await listBackups(folder);
      for (const old of names.slice(settings.settings.autoBackupKeep)) await folder.removeEntry(old);
      setFiles(names.slice(0, settings.settings.autoBackupKeep));
      await settings.set('lastAutoBackupAt', at);
      // The restore drill is first due a period after the first backup (docs/web.md).
      if (settings.settings.firstAutoBackupAt === null)
        await settings.set('firstAutoBackupAt', Math.min(at, ...names.map(timeOf).filter((t) => !Number.isNaN(t))));
      setProblem(null);
    } catch (error) {
      setProblem(
        `The automatic backup could not be written: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      wipe(content);
      if (recovery) wipe(recovery.vaultKek);
    }
  };

  const writeNow = () => {
    writing ??= write().finally(() => {
      writing = null;
    });
    return writing;
  };

  return {
    canPickFolder: folderPicker() !== null,
    folder: () => picked()?.name ?? null,
    folderNeedsPermission: needsPermission,
    async pickFolder() {
      const picker = folderPicker();
      if (!picker) return;
      let handle: PickedFolder;
      try {
        handle = await picker({ id: 'tessera-backups', mode: 'readwrite' });
      } catch (error) {
        // The user closed the picker: nothing changes.
        if (error instanceof DOMException && error.name === 'AbortError') return;
        throw error;
      }
      await db.settings.put({ key: FOLDER_ROW, value: handle });
      setPicked(handle);
      setNeedsPermission(false);
      await refreshFiles();
      await writeNow();
    },
    async allowFolder() {
      const handle = picked();
      if (!handle) return;
      const state = (await handle.requestPermission?.({ mode: 'readwrite' })) ?? 'granted';
      setNeedsPermission(state !== 'granted');
      if (state === 'granted') {
        await refreshFiles();
        await writeNow();
      }
    },
    async forgetFolder() {
      await db.settings.delete(FOLDER_ROW);
      setPicked(null);
      setNeedsPermission(false);
      await refreshFiles();
    },
    files,
    unbacked,
    unsaved: () => unsavedViews().length,
    oldestUnsaved: () =>
      unsavedViews().reduce<number | null>(
        (oldest, view) => (oldest === null || view.updatedAt < oldest ? view.updatedAt : oldest),
        null,
      ),
    paused,
    problem,
    writeNow,
    async latest() {
      const folder = await openFolder();
      const [name] = await listBackups(folder);
      if (!name) return null;
      const file = await (await folder.getFileHandle(name)).getFile();
      return { name, bytes: new Uint8Array(await file.arrayBuffer()) };
    },
    async setAside(name) {
      if (!FILE.test(name)) throw new RangeError('not an automatic backup');
      const folder = await openFolder();
      const source = await (await folder.getFileHandle(name)).getFile();
      const aside = `damaged-${name}`;
      const writable = await (await folder.getFileHandle(aside, { create: true })).createWritable();
      await writable.write(new Uint8Array(await source.arrayBuffer()));
      await writable.close();
      // Only once the copy is whole does the original go.
      await folder.removeEntry(name);
      await refreshFiles();
      return aside;
    },
    async copySaved(file) {
      await settings.set('lastCopySavedAt', timeOf(file.name));
      // It is an exported backup too, for the reminder that none was ever made.
      await settings.set('lastBackupAt', Date.now());
    },
    watch() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const schedule = (delay: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => void writeNow(), delay);
      };
      void refreshFiles().catch(() => setFiles([]));
      createEffect(
        on(
          () => [session.store()?.records(), session.backupKey()] as const,
          ([records, key]) => {
            setStale(false);
            if (!records || !key) return;
            const last = settings.settings.lastAutoBackupAt;
            if (unbacked() > 0 || last === null || Date.now() - last >= DAY_MS) schedule(BACKUP_DELAY_MS);
          },
        ),
      );
      // At least daily while the app stays open (timers are throttled in the background; the
      // next change or unlock catches up).
      const daily = setInterval(() => {
        const last = settings.settings.lastAutoBackupAt;
        if (last === null || Date.now() - last >= DAY_MS) void writeNow();
      }, CHECK_EVERY_MS);
      const stop = () => {
        clearTimeout(timer);
        clearInterval(daily);
      };
      onCleanup(stop);
      return stop;
    },
  };
}
