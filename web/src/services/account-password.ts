import { wipe } from '@tessera/core/crypto/bytes';
import { createSalt, DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import { unwrapVaultKey, wrapVaultKey } from '@tessera/core/crypto/vault-key';
import type { DeviceKind } from '@tessera/core/sync/protocol';
import { AccountError, forgetKeys, passwordKeys, type PasswordKeys } from './account-keys.ts';
import type { CryptoClient } from './crypto-client.ts';
import type { TesseraDb } from './db.ts';
import { trackKey } from './key-audit.ts';
import type { Api } from './sync/api.ts';

// Changing the master password (docs/vault-format.md: the vault key is re-wrapped, items are
// not re-encrypted). With a sync account the server is changed first, proving the current
// password again and ending every other session, so other devices must sign in with the new
// one; then this device's wrapped key. If the second step never happens (the tab closed), this
// device still opens with the old password and takes the new one at its next sign-in.
export interface PasswordChange {
  current: string;
  next: string;
}

interface Deps {
  db: TesseraDb;
  crypto: CryptoClient;
  api: Api;
  /** Browser and OS family: the device proves the password again, so its session says what it is now. */
  deviceKind?: DeviceKind | null;
}

export function createChangePassword({ db, crypto, api, deviceKind = null }: Deps) {
  return async (
    change: PasswordChange,
    onStep?: (step: 'current' | 'new' | 'server') => void,
  ): Promise<{ endedSessions: number }> => {
    const meta = await db.meta.get('vault');
    if (!meta) throw new AccountError('no-vault', 'There is no vault on this device.');
    const account = await db.account.get('account');
    if (account && account.token === null && account.signedOutReason !== 'account-deleted') {
      throw new AccountError(
        'signed-out',
        'Sign in again before changing the password, so the account and this device keep the same one.',
      );
    }
    onStep?.('current');
    const old = await passwordKeys(crypto, change.current, meta.salt, meta.kdf);
    let vaultKey: Uint8Array | null = null;
    let fresh: PasswordKeys | null = null;
    try {
      vaultKey = trackKey(unwrapVaultKey(old.kek, meta.wrappedVaultKey));
      onStep?.('new');
      const salt = createSalt();
      const kdf = { ...DEFAULT_KDF };
      fresh = await passwordKeys(crypto, change.next, salt, kdf);
      const wrappedVaultKey = wrapVaultKey(fresh.kek, vaultKey);
      let endedSessions = 0;
      if (account?.token) {
        onStep?.('server');
        endedSessions = await api.changePassword(
          account.token,
          old.authKey,
          { salt, kdf, authKey: fresh.authKey, wrappedVaultKey },
          deviceKind,
        );
      }
      await db.meta.update('vault', { salt, kdf, wrappedVaultKey });
      return { endedSessions };
    } finally {
      forgetKeys(old);
      if (fresh) forgetKeys(fresh);
      if (vaultKey) wipe(vaultKey);
    }
  };
}
