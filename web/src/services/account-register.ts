import { wipe } from '@tessera/core/crypto/bytes';
import type { DeviceKind } from '@tessera/core/sync/protocol';
import { unwrapVaultKey } from '@tessera/core/crypto/vault-key';
import { AccountError, forgetKeys, normaliseEmail, passwordKeys } from './account-keys.ts';
import type { CryptoClient } from './crypto-client.ts';
import type { TesseraDb } from './db.ts';
import type { Api } from './sync/api.ts';
import type { SyncEngine } from './sync/engine.ts';

// Turning sync on for the vault on this device (docs/web-sync.md, "Turning sync on"): the
// server mails a code to prove the address; the vault's master password becomes the account's.
// The device sends what the server stores (salt, KDF parameters, the wrapped vault key, authKey
// for it to hash) and keeps its vault id, so every item's envelope stays valid as it is; then
// the engine uploads every record.
export interface EnableInput {
  email: string;
  code: string;
  password: string;
  deviceName: string;
}

interface Deps {
  db: TesseraDb;
  crypto: CryptoClient;
  api: Api;
  engine: SyncEngine;
  /** Browser and OS family, for the devices list (services/account-device.ts). */
  deviceKind?: DeviceKind | null;
}

export function createEnableSync({ db, crypto, api, engine, deviceKind = null }: Deps) {
  return {
    /** Mails a 6-digit code to the address (the dev outbox under `npm start`). */
    sendCode(email: string): Promise<void> {
      return api.registerStart(normaliseEmail(email));
    },

    async finish(input: EnableInput, onProgress?: (fraction: number) => void): Promise<void> {
      const meta = await db.meta.get('vault');
      if (!meta) throw new AccountError('no-vault', 'There is no vault on this device to sync.');
      const keys = await passwordKeys(crypto, input.password, meta.salt, meta.kdf, onProgress);
      try {
        // The password is checked here, before the emailed code is spent on it.
        wipe(unwrapVaultKey(keys.kek, meta.wrappedVaultKey));
        const answer = await api.registerFinish({
          email: normaliseEmail(input.email),
          code: input.code.trim(),
          deviceName: input.deviceName,
          deviceKind,
          vaultId: meta.vaultId,
          salt: meta.salt,
          kdf: meta.kdf,
          authKey: keys.authKey,
          wrappedVaultKey: meta.wrappedVaultKey,
          // The account keeps the vault's recovery key from the start, so "Forgot password?"
          // resets the account's password too (docs/api.md, "Recovery key").
          ...(meta.recovery?.verifier
            ? { recovery: { slot: meta.recovery.slot, verifier: meta.recovery.verifier } }
            : {}),
        });
        if (answer.kind !== 'session')
          throw new AccountError('bad-response', 'The server did not sign this device in.');
        await db.transaction('rw', [db.account, db.records, db.pending, db.purges], async () => {
          await db.account.put({
            key: 'account',
            email: normaliseEmail(input.email),
            vaultId: meta.vaultId,
            deviceName: input.deviceName,
            token: answer.session.token,
            sessionId: answer.session.id,
            cursor: '0',
            signedOutReason: null,
            lastSyncedAt: null,
          });
          // A new account has none of this vault yet: every record is queued as new (seqs of
          // an earlier account, if this vault had one, mean nothing here).
          await db.records.toCollection().modify({ seq: 0, dirty: 1 });
          await db.pending.clear();
          await db.purges.clear();
        });
        if (answer.vault.recovery && meta.recovery) {
          await db.meta.update('vault', { recovery: { ...meta.recovery, onServer: true } });
        }
      } finally {
        forgetKeys(keys);
      }
      await engine.accountChanged();
    },
  };
}
