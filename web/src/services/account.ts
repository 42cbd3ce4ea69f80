import { createEffect, createRoot, createSignal, on, type Accessor } from 'solid-js';
import Dexie from 'dexie';
import type { DeviceKind, SessionListResponse } from '@tessera/core/sync/protocol';
import { eraseBackupFiles } from './auto-backup.ts';
import { deviceNameFrom } from './account-device.ts';
import { AccountError, forgetKeys, passwordKeys } from './account-keys.ts';
import { createChangePassword } from './account-password.ts';
import { createEnableSync } from './account-register.ts';
import { createSignIn } from './account-signin.ts';
import { leaveFarewell, takeFarewell, type Farewell } from './farewell.ts';
import type { CryptoClient } from './crypto-client.ts';
import type { AccountRow, TesseraDb } from './db.ts';
import type { Session } from './session.ts';
import { isApiError, type Api } from './sync/api.ts';
import type { SyncEngine } from './sync/engine.ts';

// The sync account as the screens see it: the account row (reactive), and the flows that change
// it. Each flow lives in its own file (account-*.ts); this file joins them and holds the small
// ones: devices and sessions, signing out, deleting the account.
export interface AccountService {
  account: Accessor<AccountRow | null>;
  defaultDeviceName: string;
  enable: ReturnType<typeof createEnableSync>;
  signIn: ReturnType<typeof createSignIn>;
  changePassword: ReturnType<typeof createChangePassword>;
  /** The account's devices, and the devices asked to erase whose session is gone. */
  sessions(): Promise<SessionListResponse>;
  revoke(sessionId: string): Promise<void>;
  /** "Sign out and erase Tessera from that device": the password is proven again (docs/api.md). */
  eraseDevice(sessionId: string, password: string): Promise<void>;
  /** Ends this device's session. Keeping the vault leaves it here as a local vault. */
  signOut(options: { keepVault: boolean }): Promise<void>;
  /** Deletes the account on the server (needs the password); the vault stays on this device. */
  deleteAccount(password: string): Promise<void>;
  /** After the account was deleted elsewhere: back to a local vault, ready to turn sync on again. */
  forget(): Promise<void>;
  /** Why this device starts with no vault, when it removed its own just before (farewell.ts). */
  farewell: Farewell | null;
}

interface Deps {
  db: TesseraDb;
  crypto: CryptoClient;
  session: Session;
  api: Api;
  engine: SyncEngine;
  /** localStorage, or null where the browser refuses it: holds only the farewell message. */
  storage: Storage | null;
  /** This browser's kind (services/account-device.ts), sent with every sign-in so the devices
   *  list can tell this device from one named alike. */
  deviceKind: DeviceKind | null;
}

export async function createAccountService({
  db,
  crypto,
  session,
  api,
  engine,
  storage,
  deviceKind,
}: Deps): Promise<AccountService> {
  const [account, setAccount] = createSignal<AccountRow | null>((await db.account.get('account')) ?? null);
  const reload = async () => setAccount((await db.account.get('account')) ?? null);
  // The engine changes the row on its own (cursor, sign-out by the server): follow its state.
  createRoot(() =>
    createEffect(
      on(
        () => engine.status().state.kind,
        () => void reload(),
        { defer: true },
      ),
    ),
  );

  const token = () => {
    const current = account()?.token;
    if (!current) throw new AccountError('signed-out', 'This device is not signed in to sync.');
    return current;
  };

  // Back to a local vault: the account row goes; every record counts as never synced, so
  // turning sync on again (with any account) uploads all of it.
  const becomeLocal = async () => {
    await db.transaction('rw', [db.account, db.records, db.pending, db.purges], async () => {
      await db.account.delete('account');
      await db.records.toCollection().modify({ seq: 0, dirty: 1 });
      await db.pending.clear();
      // Nothing left to purge on an account this device no longer uses.
      await db.purges.clear();
    });
    await engine.accountChanged();
    await reload();
  };

  const withReload =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } finally {
        await reload();
      }
    };

  // Another device asked this one to erase itself (docs/web.md, "A lost device forgets"): lock at
  // once (the vault key and every decrypted record go), tell the server (so the list there says
  // "erased at"; the server keeps the synced copy), then remove the local vault, the automatic
  // backups kept in the browser, and reload to a first run. The wipe happens even if the
  // confirmation cannot be sent: a device that was asked to forget forgets.
  const eraseThisDevice = async () => {
    session.lock('This device was signed out and erased from another device.');
    const current = await db.account.get('account');
    if (current?.token) await api.confirmErased(current.token).catch(() => undefined);
    engine.stop();
    db.close();
    await Dexie.delete(db.name);
    await eraseBackupFiles().catch(() => undefined);
    leaveFarewell(storage, 'erased');
    location.reload();
  };
  engine.onErase(() => void eraseThisDevice());

  const enable = createEnableSync({ db, crypto, api, engine, deviceKind });
  // Taken once at start: a reload after it shows the plain first-run screen again.
  const farewell = takeFarewell(storage);
  return {
    account,
    farewell,
    defaultDeviceName: deviceNameFrom(navigator.userAgent),
    enable: { sendCode: enable.sendCode, finish: withReload(enable.finish) },
    signIn: withReload(createSignIn({ db, crypto, session, api, engine, deviceKind })),
    changePassword: withReload(createChangePassword({ db, crypto, api, deviceKind })),
    sessions: () => api.sessions(token()),
    async revoke(sessionId) {
      await api.revokeSession(token(), sessionId);
    },
    async eraseDevice(sessionId, password) {
      const bearer = token();
      // The account's own salt and parameters, as for deleting the account.
      const { vault } = await api.account(bearer);
      const keys = await passwordKeys(crypto, password, vault.salt, vault.kdf);
      try {
        await api.eraseSession(bearer, sessionId, keys.authKey);
      } finally {
        forgetKeys(keys);
      }
    },
    async signOut({ keepVault }) {
      await engine.idle();
      const current = await db.account.get('account');
      if (current?.token) {
        // Offline or already ended: the session then simply expires on the server.
        await api.signOut(current.token).catch((error: unknown) => {
          if (!isApiError(error, 'network') && !isApiError(error, 'session-invalid')) throw error;
        });
      }
      if (keepVault) {
        // The rows keep their seqs: signing in to the same account later resumes from them.
        await db.account.delete('account');
        await engine.accountChanged();
        await reload();
        return;
      }
      engine.stop();
      session.lock();
      db.close();
      await Dexie.delete(db.name);
      leaveFarewell(storage, 'removed');
      location.reload();
    },
    async deleteAccount(password) {
      const bearer = token();
      // The account's own salt and parameters (they match this device's unless a change is
      // half done); the server checks authKey again before deleting anything.
      const { vault } = await api.account(bearer);
      const keys = await passwordKeys(crypto, password, vault.salt, vault.kdf);
      try {
        await api.deleteAccount(bearer, keys.authKey);
      } finally {
        forgetKeys(keys);
      }
      await becomeLocal();
    },
    forget: becomeLocal,
  };
}
