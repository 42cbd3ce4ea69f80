import { createSignal, type Accessor } from 'solid-js';
import { equalBytes } from '@tessera/core/crypto/bytes';
import { checkKdfParams, DEFAULT_KDF, type KdfParams } from '@tessera/core/crypto/kdf';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { backupKekFromMasterKey } from '@tessera/core/transfer/backup-file';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import { createVaultKey, unwrapVaultKey, wrapVaultKey } from '@tessera/core/crypto/vault-key';
import type { CryptoClient } from './crypto-client.ts';
import type { TesseraDb, VaultMetaRow } from './db.ts';
import { trackKey } from './key-audit.ts';
import type { Settings } from './settings.ts';
import { rehearseOpening } from './open-rehearsal.ts';
import { askPersistence } from './storage-persistence.ts';
import { isQuotaError, storageFull, VaultError } from './vault-errors.ts';
import { openVaultStore, prepareVaultStore, type PreparedVaultStore, type VaultStore } from './vault-store.ts';

// Locked or unlocked, and the rules that lock it. The vault key exists only inside an open
// VaultStore; locking closes the store, which zeroes the key and drops every decrypted record.
export type Phase = 'loading' | 'new' | 'locked' | 'unlocked';

/**
 * What automatic backups are sealed with (docs/web.md, "Automatic backups"): a kek from the
 * master key of the last unlock with the password, and that master key's salt and settings.
 */
export interface BackupKey {
  kek: Uint8Array;
  salt: Uint8Array;
  kdf: KdfParams;
}

export interface Session {
  phase: Accessor<Phase>;
  /** Set while unlocked with the master password (an unlock, or a sign-in that typed it); null after a recovery or a passkey unlock until the next one. */
  backupKey: Accessor<BackupKey | null>;
  store: Accessor<VaultStore | null>;
  /** Why the vault last locked by itself, shown on the unlock screen. */
  lockNotice: Accessor<string | null>;
  /** `beforeOpen` gets the new vault key (to make the recovery key's slot); the session wipes it later. */
  createVault(
    password: string,
    onProgress?: (fraction: number) => void,
    beforeOpen?: (vaultKey: Uint8Array) => Promise<void>,
  ): Promise<void>;
  /** Throws TesseraError 'wrong-password' when the password does not unwrap the vault key. */
  unlock(password: string, onProgress?: (fraction: number) => void): Promise<void>;
  /**
   * Opens the stored vault with a vault key obtained by signing in to sync (services/account-
   * signin.ts wrote the meta row); if the vault is already open, the key is only wiped.
   * `backup`, when the master password was typed to get the key, is the automatic backups' key
   * from then on (the session owns it and wipes it at lock), open vault or not.
   */
  enterWithKey(vaultKey: Uint8Array, backup?: BackupKey): Promise<void>;
  lock(notice?: string): void;
  /** Calls `listener` whenever the vault is locked (keys held elsewhere are dropped then). */
  onLock(listener: () => void): () => void;
  /** Starts the idle and hidden timers; returns a function that stops them. */
  watchActivity(settings: Settings): () => void;
}

const SALT_BYTES = 16;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;

function wipe(...keys: Uint8Array[]) {
  for (const key of keys) key.fill(0);
}

// Whether two readings of the vault's row give Argon2id the same input (salt and cost).
function sameKdfInput(a: Pick<VaultMetaRow, 'salt' | 'kdf'>, b: Pick<VaultMetaRow, 'salt' | 'kdf'>): boolean {
  return (
    equalBytes(a.salt, b.salt) &&
    a.kdf.algorithm === b.kdf.algorithm &&
    a.kdf.memoryKiB === b.kdf.memoryKiB &&
    a.kdf.iterations === b.kdf.iterations &&
    a.kdf.parallelism === b.kdf.parallelism
  );
}

function minutes(n: number): string {
  return n === 1 ? '1 minute' : `${n} minutes`;
}

export async function createSession(db: TesseraDb, crypto: CryptoClient): Promise<Session> {
  const meta = await db.meta.get('vault');
  const [phase, setPhase] = createSignal<Phase>(meta ? 'locked' : 'new');
  const [store, setStore] = createSignal<VaultStore | null>(null);
  const [lockNotice, setLockNotice] = createSignal<string | null>(null);
  // Tabs of one vault: a lock in any of them closes the others (docs/web-sync.md, "Tabs").
  const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tessera-session') : null;
  const lockListeners = new Set<() => void>();
  const [backupKey, setBackupKey] = createSignal<BackupKey | null>(null);
  // Locked: the next thing asked for is the password, so start the crypto worker and compile
  // Argon2id, rehearse opening records, and read the vault's rows (ciphertext) now (docs/web.md,
  // "Lock rules"). The mark tells tests/perf that the screen is as ready as a person typing their
  // password would find it.
  // The vault's row as the unlock screen found it: an unlock starts Argon2id on its salt and cost
  // at once rather than after reading it again (see unlock).
  let lockedRow: Promise<VaultMetaRow | undefined> = Promise.resolve(undefined);
  // The rows, read and kept for the next unlock; any other way in (a sign-in, a passkey) drops
  // them. Read here rather than during Argon2id: measured on two cores, a read beside Argon2id
  // slowed it by 20-30 ms.
  let preparedRows: PreparedVaultStore | null = null;
  const dropPreparedRows = () => {
    preparedRows?.cancel();
    preparedRows = null;
  };
  const takePreparedRows = (row: VaultMetaRow): PreparedVaultStore => {
    const ready = preparedRows;
    preparedRows = null;
    if (ready?.vaultId === row.vaultId) return ready;
    ready?.cancel();
    return prepareVaultStore(db, row);
  };
  const prepareUnlock = () => {
    performance.clearMarks('tessera:unlock-ready');
    dropPreparedRows();
    lockedRow = db.meta.get('vault');
    const rowsRead = lockedRow.then(
      (row) => {
        if (!row || phase() !== 'locked') return;
        // Another preparation's read may have finished first: keep one.
        dropPreparedRows();
        preparedRows = prepareVaultStore(db, row);
        return preparedRows.read;
      },
      () => undefined,
    );
    const warm = async () => {
      const row = await lockedRow;
      let next: KdfParams | undefined;
      try {
        next = row ? checkKdfParams(row.kdf) : undefined;
      } catch {
        // Refused parameters are reported when the password is typed, not here.
      }
      await crypto.warm(next);
    };
    void Promise.all([warm().catch(() => undefined), rehearseOpening().catch(() => undefined), rowsRead]).then(() =>
      performance.mark('tessera:unlock-ready'),
    );
  };
  if (meta) prepareUnlock();

  // masterKey → kek (wraps the vault key), authKey (sync sign-in, not needed here) and the
  // automatic backups' kek (kept while unlocked): the others are wiped once the vault key is in hand.
  const deriveKek = async (
    password: string,
    row: Pick<VaultMetaRow, 'salt' | 'kdf'>,
    onProgress?: (fraction: number) => void,
  ) => {
    const kdf = checkKdfParams(row.kdf);
    const masterKey = await crypto.deriveMasterKey(password, row.salt, kdf, onProgress);
    const { kek, authKey } = splitMasterKey(masterKey);
    trackKey(kek);
    // Tracked like the others: it must be zero or gone after a lock (services/key-audit.ts).
    const backup = { kek: trackKey(backupKekFromMasterKey(masterKey)), salt: row.salt.slice(), kdf };
    wipe(masterKey, trackKey(authKey));
    return { kek, backup };
  };
  const forgetDerived = ({ kek, backup }: Awaited<ReturnType<typeof deriveKek>>) => wipe(kek, backup.kek);
  const forgetBackupKey = () => {
    const held = backupKey();
    if (held) wipe(held.kek);
    setBackupKey(null);
  };

  const enter = async (row: VaultMetaRow, vaultKey: Uint8Array, prepared?: PreparedVaultStore) => {
    trackKey(vaultKey);
    if (!prepared) dropPreparedRows();
    const opened = await (prepared ? prepared.open(vaultKey, row) : openVaultStore(db, row, vaultKey));
    performance.mark('tessera:vault-open');
    setLockNotice(null);
    setStore(opened);
    setPhase('unlocked');
  };

  const session: Session = {
    phase,
    backupKey,
    store,
    lockNotice,
    async createVault(password, onProgress, beforeOpen) {
      if (await db.meta.get('vault')) throw new VaultError('vault-exists', 'A vault already exists on this device');
      const row: VaultMetaRow = {
        key: 'vault',
        format: 1,
        vaultId: randomId(),
        salt: randomBytes(SALT_BYTES),
        kdf: { ...DEFAULT_KDF },
        wrappedVaultKey: new Uint8Array(0),
        deviceId: randomId(),
        clock: null,
      };
      const { kek, backup } = await deriveKek(password, row, onProgress);
      const vaultKey = createVaultKey();
      row.wrappedVaultKey = wrapVaultKey(kek, vaultKey);
      wipe(kek);
      forgetBackupKey();
      setBackupKey(backup);
      try {
        await db.meta.add(row);
        await beforeOpen?.(vaultKey);
      } catch (error) {
        if (!isQuotaError(error)) throw error;
        await db.meta.delete('vault').catch(() => undefined);
        throw storageFull(
          "so the vault could not be made. Free some space (other sites' data, downloads, apps), then create it again.",
        );
      }
      await enter(row, vaultKey);
      // The vault now exists only in this browser's storage: ask the browser to keep it
      // (Settings shows the answer). Not awaited: a browser that asks the user must not hold
      // the new vault closed.
      void askPersistence();
    },
    async unlock(password, onProgress) {
      for (const name of [
        'tessera:unlock-start',
        'tessera:key-ready',
        'tessera:records-read',
        'tessera:records-opened',
        'tessera:vault-open',
        'tessera:codes-painted',
      ])
        performance.clearMarks(name);
      performance.mark('tessera:unlock-start');
      // Argon2id starts on the salt and cost the unlock screen read while the row is read again:
      // another tab may have changed the password since. If it did, the key is derived again
      // from the row as it is now (and the first one wiped).
      const seen = await lockedRow.catch(() => undefined);
      const current = db.meta.get('vault');
      const early = seen ? deriveKek(password, seen, onProgress) : null;
      early?.catch(() => undefined);
      const dropEarly = () => void early?.then(forgetDerived, () => undefined);
      const row = await current.catch((error: unknown) => {
        dropEarly();
        throw error;
      });
      if (!row) {
        dropEarly();
        throw new VaultError('no-vault', 'There is no vault on this device');
      }
      // The rows the unlock screen read (or, if it had not yet, read while Argon2id runs); kept
      // for the next try if this one fails.
      const prepared = takePreparedRows(row);
      const keepForNextTry = () => {
        if (preparedRows === null && phase() === 'locked') preparedRows = prepared;
        else prepared.cancel();
      };
      let derived: Awaited<ReturnType<typeof deriveKek>>;
      try {
        if (early && sameKdfInput(seen!, row)) derived = await early;
        else {
          dropEarly();
          derived = await deriveKek(password, row, onProgress);
        }
      } catch (error) {
        keepForNextTry();
        throw error;
      }
      const { kek, backup } = derived;
      let vaultKey: Uint8Array;
      try {
        vaultKey = unwrapVaultKey(kek, row.wrappedVaultKey);
      } catch (error) {
        wipe(backup.kek);
        keepForNextTry();
        throw error;
      } finally {
        wipe(kek);
      }
      forgetBackupKey();
      setBackupKey(backup);
      performance.mark('tessera:key-ready');
      await enter(row, vaultKey, prepared);
    },
    async enterWithKey(vaultKey, backup) {
      const row = await db.meta.get('vault');
      if (backup) {
        // A sign-in with the password: backups go on (or resume, after a password changed
        // elsewhere) under it at once, rather than waiting for the next unlock.
        trackKey(backup.kek);
        forgetBackupKey();
        if (row) setBackupKey(backup);
        else wipe(backup.kek);
      }
      if (store() || !row) {
        wipe(vaultKey);
        if (!row) throw new VaultError('no-vault', 'There is no vault on this device');
        return;
      }
      await enter(row, vaultKey);
    },
    lock(notice) {
      // Keys held for a step in progress (a sign-in's second factor) go even when no vault is open.
      for (const listener of [...lockListeners]) listener();
      forgetBackupKey();
      const open = store();
      if (!open) return;
      // Locking one tab locks the vault in every tab of this browser (each holds its own key).
      tabs?.postMessage({ type: 'lock', notice: notice ?? null });
      setStore(null);
      open.close();
      crypto.release();
      // A new worker, with no secret in it, ready for the next unlock.
      prepareUnlock();
      setLockNotice(notice ?? null);
      setPhase('locked');
    },
    onLock(listener) {
      lockListeners.add(listener);
      return () => lockListeners.delete(listener);
    },
    watchActivity(settings) {
      let lastActivity = Date.now();
      let hiddenAt: number | null = null;
      const active = () => {
        lastActivity = Date.now();
      };
      const check = () => {
        if (phase() !== 'unlocked') return;
        const now = Date.now();
        if (
          hiddenAt !== null &&
          settings.hiddenLockMinutes >= 0 &&
          now - hiddenAt >= settings.hiddenLockMinutes * 60_000
        ) {
          session.lock(
            settings.hiddenLockMinutes === 0
              ? 'Locked when the app was hidden.'
              : `Locked after ${minutes(settings.hiddenLockMinutes)} in the background.`,
          );
        } else if (settings.idleLockMinutes > 0 && now - lastActivity >= settings.idleLockMinutes * 60_000) {
          session.lock(`Locked after ${minutes(settings.idleLockMinutes)} without activity.`);
        }
      };
      const visibility = () => {
        if (document.visibilityState === 'hidden') hiddenAt = Date.now();
        check();
        if (document.visibilityState === 'visible') {
          hiddenAt = null;
          active();
        }
      };
      for (const name of ACTIVITY_EVENTS) window.addEventListener(name, active, { capture: true, passive: true });
      document.addEventListener('visibilitychange', visibility);
      // Background timers are throttled by browsers; the check on becoming visible catches up.
      const timer = setInterval(check, 5_000);
      return () => {
        for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, active, { capture: true });
        document.removeEventListener('visibilitychange', visibility);
        clearInterval(timer);
      };
    },
  };
  if (tabs) {
    // Another tab locked: lock here too. This tab's own message then reaches tabs that are
    // already locked, where lock() ends at once, so the echo stops.
    tabs.onmessage = (event: MessageEvent<unknown>) => {
      const data = event.data as { type?: unknown; notice?: unknown } | null;
      if (data?.type === 'lock' && store())
        session.lock(typeof data.notice === 'string' ? data.notice : 'Locked in another tab.');
    };
  }
  return session;
}
