import { createEffect, createRoot, createSignal, on, type Accessor } from 'solid-js';
import { equalBytes, wipe } from '@tessera/core/crypto/bytes';
import { createSalt, DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import {
  createRecoveryKey,
  formatRecoveryKey,
  parseRecoveryKey,
  recoveryAuthKey,
  recoveryVerifier,
  unwrapVaultKeyWithRecovery,
  wrapVaultKeyForRecovery,
} from '@tessera/core/crypto/recovery-key';
import { unwrapVaultKey, wrapVaultKey } from '@tessera/core/crypto/vault-key';
import { TesseraError } from '@tessera/core/errors';
import type { DeviceKind, RecoveryInfo, SecondFactorMethod, SignInResponse } from '@tessera/core/sync/protocol';
import { AccountError, forgetKeys, passwordKeys, type PasswordKeys } from './account-keys.ts';
import type { SecondFactorStep } from './account-signin.ts';
import type { CryptoClient } from './crypto-client.ts';
import type { RecoverySlotRow, TesseraDb } from './db.ts';
import { holdKey } from './held-key.ts';
import type { Session } from './session.ts';
import { isApiError, type Api } from './sync/api.ts';
import type { SyncEngine } from './sync/engine.ts';
import { VaultError } from './vault-errors.ts';

// The recovery key on this device (docs/web.md, "Recovery key"): made with a new vault or on
// request, shown once, checked when the user types it back, and used on the unlock screen to set
// a new master password when the old one is forgotten. Only its slot (the vault key sealed under
// a key derived from it) and its verifier (SHA-256 of recoveryAuthKey, what the server keeps)
// are stored; the written key exists in memory while it is on screen.
//
// With sync (docs/api.md, "Recovery key") the account keeps the same slot and verifier: making a
// new key stores it there first (the old one then resets nothing, and every device takes the new
// slot at its next contact), and "Forgot password?" resets the account's password as well,
// behind the account's second factor.
export interface RecoveryStatus {
  createdAt: number;
  verifiedAt: number | null;
  /** The account holds this key (it can reset the account's password); false for a local vault. */
  onServer: boolean;
}

export type ResetOutcome = { kind: 'done'; server: boolean } | { kind: 'second-factor'; step: SecondFactorStep };

export type RecoveryErrorCode =
  | 'offline' // the account's password could not be reset: no connection
  | 'not-on-server'; // the account does not know this recovery key

export class RecoveryError extends TesseraError {
  declare readonly code: RecoveryErrorCode;
  constructor(code: RecoveryErrorCode, message: string) {
    super(code, message);
    this.name = 'RecoveryError';
  }
}

export interface RecoveryService {
  /** The slot's dates, or null when this vault has no recovery key yet. */
  status: Accessor<RecoveryStatus | null>;
  /** The key to show once (the emergency sheet), until `dismissFresh`. */
  fresh: Accessor<string | null>;
  dismissFresh(): void;
  /** Made from the vault key at vault creation (the caller keeps and wipes its vault key). */
  makeWithVaultKey(vaultKey: Uint8Array): Promise<void>;
  /**
   * Made on request: the master password proves it is the owner; any older key stops working.
   * With sync the account stores it first, so the old key is retired on every device.
   */
  make(password: string, onProgress?: (fraction: number) => void): Promise<void>;
  /** Checks a typed key against the slot and records when; throws invalid- or wrong-recovery-key. */
  verify(text: string): Promise<void>;
  /**
   * Forgotten password: the recovery key opens the vault key and a new master password wraps it.
   * With sync, the account's password is reset too (maybe after a second factor), unless
   * `localOnly`; without a connection that throws RecoveryError 'offline' and changes nothing.
   */
  reset(
    text: string,
    password: string,
    onStep?: (step: 'new' | 'server' | 'open') => void,
    options?: { localOnly?: boolean },
  ): Promise<ResetOutcome>;
  refresh(): Promise<void>;
}

/**
 * The slot the account holds, made this device's: a different slot replaces the local one (a new
 * key made on another device retires this one here too); the same slot is marked as stored.
 */
export function slotFromServer(local: RecoverySlotRow | null | undefined, server: RecoveryInfo): RecoverySlotRow {
  if (local && equalBytes(local.slot, server.slot)) return { ...local, onServer: true };
  return { slot: server.slot, createdAt: server.createdAt, verifiedAt: null, onServer: true };
}

interface Deps {
  db: TesseraDb;
  crypto: CryptoClient;
  session: Session;
  api: Api;
  engine: SyncEngine;
  /** Browser and OS family, sent with a reset that signs this device in (services/account-device.ts). */
  deviceKind?: DeviceKind | null;
}

// How often a signed-in device asks the account whether its recovery slot is still current.
const SERVER_CHECK_MS = 60_000;

export async function createRecovery({
  db,
  crypto,
  session,
  api,
  engine,
  deviceKind = null,
}: Deps): Promise<RecoveryService> {
  const [status, setStatus] = createSignal<RecoveryStatus | null>(null);
  const [fresh, setFresh] = createSignal<string | null>(null);

  const refresh = async () => {
    const row = (await db.meta.get('vault'))?.recovery;
    setStatus(row ? { createdAt: row.createdAt, verifiedAt: row.verifiedAt, onServer: row.onServer === true } : null);
  };

  // A new key and its slot; `store` puts it where it must be before this device keeps it.
  const newSlot = async (vaultKey: Uint8Array, store?: (row: RecoverySlotRow) => Promise<number>) => {
    const key = createRecoveryKey();
    const proof = recoveryAuthKey(key);
    try {
      const recovery: RecoverySlotRow = {
        slot: wrapVaultKeyForRecovery(key, vaultKey),
        createdAt: Date.now(),
        verifiedAt: null,
        verifier: recoveryVerifier(proof),
        onServer: false,
      };
      if (store) {
        recovery.createdAt = await store(recovery);
        recovery.onServer = true;
      }
      await db.meta.update('vault', { recovery });
      setFresh(formatRecoveryKey(key));
    } finally {
      wipe(key, proof);
    }
    await refresh();
  };

  // The typed key, read and checked against this device's slot: the vault key and the proof.
  const openSlot = async (text: string): Promise<{ vaultKey: Uint8Array; proof: Uint8Array }> => {
    const slot = (await db.meta.get('vault'))?.recovery?.slot;
    if (!slot) throw new VaultError('no-recovery-key', 'This vault has no recovery key on this device.');
    const key = parseRecoveryKey(text);
    try {
      return { vaultKey: unwrapVaultKeyWithRecovery(key, slot), proof: recoveryAuthKey(key) };
    } finally {
      wipe(key);
    }
  };

  // The account's slot, when it is a different one: asked at most once a minute, after a sync.
  let lastServerCheck = 0;
  const checkServer = async () => {
    const account = await db.account.get('account');
    if (!account?.token || Date.now() - lastServerCheck < SERVER_CHECK_MS) return;
    lastServerCheck = Date.now();
    try {
      const { vault } = await api.account(account.token);
      const meta = await db.meta.get('vault');
      if (!meta || meta.vaultId !== vault.vaultId || !vault.recovery) return;
      const next = slotFromServer(meta.recovery, vault.recovery);
      if (meta.recovery && equalBytes(meta.recovery.slot, next.slot) && meta.recovery.onServer) return;
      await db.meta.update('vault', { recovery: next });
      await refresh();
    } catch {
      // Offline or signed out: the next sync asks again.
    }
  };
  createRoot(() =>
    createEffect(
      on(
        () => engine.status().state.kind,
        (kind) => {
          void refresh();
          if (kind === 'idle') void checkServer();
        },
        { defer: true },
      ),
    ),
  );

  await refresh();
  return {
    status,
    fresh,
    dismissFresh: () => setFresh(null),
    makeWithVaultKey: (vaultKey) => newSlot(vaultKey),
    async make(password, onProgress) {
      const meta = await db.meta.get('vault');
      if (!meta) throw new VaultError('no-vault', 'There is no vault on this device.');
      const account = await db.account.get('account');
      if (account && !account.token) {
        throw new AccountError(
          'signed-out',
          'Sign in to sync again first, so the new recovery key replaces the old one on every device.',
        );
      }
      const keys = await passwordKeys(crypto, password, meta.salt, meta.kdf, onProgress);
      let vaultKey: Uint8Array | null = null;
      try {
        vaultKey = unwrapVaultKey(keys.kek, meta.wrappedVaultKey);
        const token = account?.token;
        await newSlot(
          vaultKey,
          token
            ? async (row) =>
                (await api.setRecovery(token, keys.authKey, { slot: row.slot, verifier: row.verifier! })).createdAt
            : undefined,
        );
        lastServerCheck = Date.now();
      } finally {
        forgetKeys(keys);
        if (vaultKey) wipe(vaultKey);
      }
    },
    async verify(text) {
      const { vaultKey, proof } = await openSlot(text);
      wipe(vaultKey);
      const meta = await db.meta.get('vault');
      if (meta?.recovery) {
        // The key in hand gives the verifier too, for a slot that came from the account without one.
        await db.meta.update('vault', {
          recovery: {
            ...meta.recovery,
            verifiedAt: Date.now(),
            verifier: meta.recovery.verifier ?? recoveryVerifier(proof),
          },
        });
      }
      wipe(proof);
      await refresh();
    },
    async reset(text, password, onStep, options) {
      const { vaultKey, proof } = await openSlot(text);
      const verifier = recoveryVerifier(proof);
      let keys: PasswordKeys | null = null;
      // Written once the account (if any) has taken the new password.
      const finish = async (grant: Extract<SignInResponse, { kind: 'session' }> | null, opened: Uint8Array) => {
        const meta = await db.meta.get('vault');
        // The key worked, so it is as good as verified.
        const recovery = meta?.recovery
          ? { ...meta.recovery, verifiedAt: Date.now(), verifier: meta.recovery.verifier ?? verifier }
          : null;
        await db.transaction('rw', db.meta, db.account, async () => {
          await db.meta.update('vault', { salt, kdf, wrappedVaultKey, recovery });
          if (grant) {
            await db.account.update('account', {
              token: grant.session.token,
              sessionId: grant.session.id,
              signedOutReason: null,
            });
          }
        });
        await refresh();
        onStep?.('open');
        await session.enterWithKey(opened);
        if (grant) void engine.accountChanged();
      };
      const salt = createSalt();
      const kdf = { ...DEFAULT_KDF };
      let wrappedVaultKey: Uint8Array;
      try {
        onStep?.('new');
        keys = await passwordKeys(crypto, password, salt, kdf);
        wrappedVaultKey = wrapVaultKey(keys.kek, vaultKey);
        const account = options?.localOnly ? undefined : await db.account.get('account');
        if (!account) {
          await finish(null, vaultKey);
          return { kind: 'done', server: false };
        }
        onStep?.('server');
        let answer: SignInResponse;
        try {
          answer = await api.recover(
            account.email,
            proof,
            account.deviceName,
            { salt, kdf, authKey: keys.authKey, wrappedVaultKey },
            deviceKind,
          );
        } catch (error) {
          if (isApiError(error, 'network') || isApiError(error, 'server-unavailable'))
            throw new RecoveryError(
              'offline',
              "The account's password could not be reset: there is no connection. Connect and try again, or set the new password on this device only.",
            );
          if (isApiError(error, 'credentials-invalid'))
            throw new RecoveryError(
              'not-on-server',
              'Your sync account does not know this recovery key (a newer one may have been made on another device). You can set the new password on this device only.',
            );
          throw error;
        }
        if (answer.kind === 'session') {
          await finish(answer, vaultKey);
          return { kind: 'done', server: true };
        }
        // Two-factor sign-in: the account changes only with a right code. The vault key waits in
        // memory as long as the attempt lives (services/held-key.ts), and is wiped if it ends.
        const { methods, attemptId, expiresAt, destinations = {} } = answer.secondFactor;
        const held = holdKey(vaultKey, { expiresAt, onLock: session.onLock });
        const email = account.email;
        const step: SecondFactorStep = {
          methods,
          expiresAt,
          destinations,
          send: (method) => api.signInSend(email, attemptId, method),
          async verify(method: SecondFactorMethod, code: string) {
            await held.use(async (key) => {
              const verified = await api.signInVerify(email, attemptId, method, code);
              if (verified.kind !== 'session')
                throw new AccountError('bad-response', 'The server asked for another second factor.');
              // Locked or cancelled while the server answered: the account has the new password,
              // and this device takes it when it signs in with it.
              if (held.dropped)
                throw new AccountError(
                  'attempt-invalid',
                  "The account's password was reset, but this screen was left meanwhile. Sign in with the new password.",
                );
              // The open vault owns its own copy; the held one is wiped with the step.
              await finish(verified, key.slice());
              held.drop();
            });
          },
          cancel: held.drop,
        };
        return { kind: 'second-factor', step };
      } catch (error) {
        wipe(vaultKey);
        throw error;
      } finally {
        if (keys) forgetKeys(keys);
        wipe(proof);
      }
    },
    refresh,
  };
}
