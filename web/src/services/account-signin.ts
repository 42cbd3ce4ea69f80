import { wipe } from '@tessera/core/crypto/bytes';
import { randomId } from '@tessera/core/crypto/random';
import { unwrapVaultKey } from '@tessera/core/crypto/vault-key';
import { isTesseraError } from '@tessera/core/errors';
import type { DeviceKind, SecondFactorMethod, SignInResponse } from '@tessera/core/sync/protocol';
import type { CodeChannel, CodeSentResponse } from '@tessera/core/sync/two-factor';
import {
  AccountError,
  forgetKeys,
  KDF_MISMATCH_MESSAGE,
  normaliseEmail,
  opensLocalRecords,
  passwordKeys,
  sameKdfChoice,
  type KdfChoice,
} from './account-keys.ts';
import type { CryptoClient } from './crypto-client.ts';
import type { AccountRow, TesseraDb, VaultMetaRow } from './db.ts';
import { holdKey } from './held-key.ts';
import { trackKey } from './key-audit.ts';
import { slotFromServer } from './recovery.ts';
import type { Session } from './session.ts';
import type { Api } from './sync/api.ts';
import type { SyncEngine } from './sync/engine.ts';

// Signing in to sync (docs/web-sync.md, "Signing in"): email and master password → prelogin
// (salt and KDF parameters) → Argon2id in the crypto worker → authKey → sign-in, maybe a second
// factor → the account's wrapped vault key, opened with kek. Then:
// - a device without a vault stores the account's vault (its records arrive by sync);
// - a device that holds the same vault (signed out, or its password changed elsewhere) takes
//   the account's current wrapped key, so its local password becomes the account's, and keeps
//   every local change, which the engine then pushes;
// - a device that holds another vault is refused: two vaults with different keys cannot merge.
export interface SignInInput {
  email: string;
  password: string;
  deviceName: string;
}

export interface SecondFactorStep {
  methods: readonly SecondFactorMethod[];
  expiresAt: number;
  /** Where email and text-message codes go, masked by the server ("a•••@example.com"). */
  destinations: { email?: string; sms?: string };
  /** Email or text message: asks the server to send a code for this attempt. */
  send(method: CodeChannel): Promise<CodeSentResponse>;
  /** Completes the sign-in; throws the server's refusal (code-invalid, attempt-invalid, ...). */
  verify(method: SecondFactorMethod, code: string): Promise<void>;
  /** Forgets the keys held for this attempt (also done on lock and when the attempt ends). */
  cancel(): void;
}

export type SignInOutcome = { kind: 'signed-in' } | { kind: 'second-factor'; step: SecondFactorStep };

// Only the parts sign-in uses, so web/test/account-signin.test.ts gives it a server in memory,
// the real session and database, and Argon2id in Node.
interface Deps {
  db: TesseraDb;
  crypto: CryptoClient;
  session: Pick<Session, 'enterWithKey' | 'onLock'>;
  api: Pick<Api, 'prelogin' | 'signIn' | 'signOut' | 'signInSend' | 'signInVerify'>;
  engine: Pick<SyncEngine, 'accountChanged'>;
  /** Browser and OS family, sent with the sign-in for the devices list (services/account-device.ts). */
  deviceKind?: DeviceKind | null;
}

type AdoptArgs = [
  email: string,
  deviceName: string,
  answer: Extract<SignInResponse, { kind: 'session' }>,
  prelogin: KdfChoice,
  kek: Uint8Array,
  backupKek: Uint8Array | undefined,
];

export function createSignIn({ db, crypto, session, api, engine, deviceKind = null }: Deps) {
  // The vault's key material and session from a successful sign-in, made this device's.
  // `backupKek` (from the same password) becomes the automatic backups' key once the vault is
  // entered; on any refusal it is wiped here.
  const adopt = async (...args: AdoptArgs) => {
    try {
      await adoptKeys(...args);
    } catch (error) {
      const backupKek = args[5];
      if (backupKek) wipe(backupKek);
      throw error;
    }
  };
  const adoptKeys = async (...[email, deviceName, answer, prelogin, kek, backupKek]: AdoptArgs) => {
    const { vault, session: grant } = answer;
    // The key was derived with prelogin's salt and parameters; storing other ones would leave a
    // vault that the same password no longer opens.
    if (!sameKdfChoice(prelogin, vault)) {
      await api.signOut(grant.token).catch(() => undefined);
      throw new AccountError('kdf-mismatch', KDF_MISMATCH_MESSAGE);
    }
    let vaultKey: Uint8Array;
    try {
      vaultKey = unwrapVaultKey(kek, vault.wrappedVaultKey);
    } catch (error) {
      await api.signOut(grant.token).catch(() => undefined);
      // The server accepted the password's authKey, so the same password must open its key.
      if (isTesseraError(error, 'wrong-password'))
        throw new AccountError(
          'vault-key-mismatch',
          'The account accepted the password, but its vault key does not open with it. Nothing was changed on this device.',
        );
      throw error;
    }
    const account: AccountRow = {
      key: 'account',
      email,
      vaultId: vault.vaultId,
      deviceName,
      token: grant.token,
      sessionId: grant.id,
      cursor: '0',
      signedOutReason: null,
      lastSyncedAt: null,
    };
    let replaced: string | null = null;
    try {
      const meta = await db.meta.get('vault');
      if (meta && meta.vaultId !== vault.vaultId) {
        throw new AccountError(
          'other-vault',
          "This account holds a different vault from the one on this device. To use the account here, sign out and remove this device's vault first (Settings > Account), or turn sync on for this vault with another email address.",
        );
      }
      if (meta && !(await opensLocalRecords(db, meta.vaultId, vaultKey))) {
        throw new AccountError(
          'vault-key-mismatch',
          "The account's vault key does not open the records on this device. Nothing was changed.",
        );
      }
      await db.transaction('rw', db.meta, db.account, async () => {
        const current = await db.meta.get('vault');
        if (current) {
          // Same vault: its password is now the account's (changed elsewhere, or the same), and
          // so is its recovery key, when the account has one.
          await db.meta.update('vault', {
            salt: vault.salt,
            kdf: vault.kdf,
            wrappedVaultKey: vault.wrappedVaultKey,
            ...(vault.recovery ? { recovery: slotFromServer(current.recovery, vault.recovery) } : {}),
          });
          const previous = await db.account.get('account');
          // The cursor still describes this vault; local changes stay queued with their seqs.
          if (previous && previous.vaultId === vault.vaultId) account.cursor = previous.cursor;
          if (previous?.token && previous.token !== grant.token) replaced = previous.token;
        } else {
          const row: VaultMetaRow = {
            key: 'vault',
            format: 1,
            vaultId: vault.vaultId,
            salt: vault.salt,
            kdf: vault.kdf,
            wrappedVaultKey: vault.wrappedVaultKey,
            deviceId: randomId(),
            clock: null,
            // The account's recovery key opens this device's copy too ("Forgot password?").
            recovery: vault.recovery ? slotFromServer(null, vault.recovery) : null,
          };
          await db.meta.add(row);
        }
        await db.account.put(account);
      });
    } catch (error) {
      wipe(vaultKey);
      if (error instanceof AccountError) await api.signOut(grant.token).catch(() => undefined);
      throw error;
    }
    // A session this device still held (signing in again without being signed out) ends, so
    // the device list does not fill with old copies of this device.
    if (replaced) await api.signOut(replaced).catch(() => undefined);
    await session.enterWithKey(
      vaultKey,
      backupKek ? { kek: backupKek, salt: prelogin.salt.slice(), kdf: { ...prelogin.kdf } } : undefined,
    );
    void engine.accountChanged();
  };

  return async function signIn(input: SignInInput, onProgress?: (fraction: number) => void): Promise<SignInOutcome> {
    const email = normaliseEmail(input.email);
    const prelogin = await api.prelogin(email);
    const keys = await passwordKeys(crypto, input.password, prelogin.salt, prelogin.kdf, onProgress, { backup: true });
    let answer: SignInResponse;
    try {
      answer = await api.signIn(email, keys.authKey, input.deviceName, deviceKind);
    } catch (error) {
      forgetKeys(keys);
      throw error;
    }
    wipe(keys.authKey);
    if (answer.kind === 'session') {
      try {
        await adopt(email, input.deviceName, answer, prelogin, keys.kek, keys.backupKek);
      } finally {
        wipe(keys.kek);
      }
      return { kind: 'signed-in' };
    }
    // The kek and the backups' kek wait in memory for the second factor, as one buffer, and no
    // longer than the attempt lives, the screen shows it, or the vault stays unlocked
    // (services/held-key.ts).
    const { methods, attemptId, expiresAt, destinations = {} } = answer.secondFactor;
    const withBackup = keys.backupKek !== undefined;
    const both = new Uint8Array(keys.kek.length * 2);
    both.set(keys.kek);
    if (keys.backupKek) both.set(keys.backupKek, keys.kek.length);
    forgetKeys(keys);
    const held = holdKey(trackKey(both), { expiresAt, onLock: session.onLock });
    return {
      kind: 'second-factor',
      step: {
        methods,
        expiresAt,
        destinations,
        send: (method) => api.signInSend(email, attemptId, method),
        async verify(method, code) {
          await held.use(async (both) => {
            const kek = both.subarray(0, both.length / 2);
            const verified = await api.signInVerify(email, attemptId, method, code);
            if (verified.kind !== 'session')
              throw new AccountError('bad-response', 'The server asked for another second factor.');
            // Locked or cancelled while the server answered: the kek is gone, so is this attempt.
            if (held.dropped) {
              await api.signOut(verified.session.token).catch(() => undefined);
              throw new AccountError('attempt-invalid', 'This sign-in attempt has ended. Sign in again.');
            }
            try {
              // A copy: the held buffer is wiped below, the backups' kek lives on in the session.
              const backupKek = withBackup ? both.slice(both.length / 2) : undefined;
              await adopt(email, input.deviceName, verified, prelogin, kek, backupKek);
            } finally {
              held.drop();
            }
          });
        },
        cancel: held.drop,
      },
    };
  };
}
