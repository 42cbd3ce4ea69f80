import { createSignal, type Accessor } from 'solid-js';
import { wipe } from '@tessera/core/crypto/bytes';
import { createSalt, DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import {
  createRecoveryKey,
  formatRecoveryKey,
  parseRecoveryKey,
  unwrapVaultKeyWithRecovery,
  wrapVaultKeyForRecovery,
} from '@tessera/core/crypto/recovery-key';
import { unwrapVaultKey, wrapVaultKey } from '@tessera/core/crypto/vault-key';
import { forgetKeys, passwordKeys } from './account-keys.ts';
import type { CryptoClient } from './crypto-client.ts';
import type { RecoverySlotRow, TesseraDb } from './db.ts';
import type { Session } from './session.ts';
import { VaultError } from './vault-errors.ts';

// The recovery key on this device (docs/web.md, "Recovery key"): made with a new vault or on
// request, shown once, checked when the user types it back, and used on the unlock screen to set
// a new master password when the old one is forgotten. Only its slot (the vault key sealed under
// a key derived from it) is stored; the written key exists in memory while it is on screen.
export interface RecoveryStatus {
  createdAt: number;
  verifiedAt: number | null;
}

export interface RecoveryService {
  /** The slot's dates, or null when this vault has no recovery key yet. */
  status: Accessor<RecoveryStatus | null>;
  /** The key to show once (the emergency sheet), until `dismissFresh`. */
  fresh: Accessor<string | null>;
  dismissFresh(): void;
  /** Made from the vault key at vault creation (the caller keeps and wipes its vault key). */
  makeWithVaultKey(vaultKey: Uint8Array): Promise<void>;
  /** Made on request: the master password proves it is the owner; any older key stops working. */
  make(password: string, onProgress?: (fraction: number) => void): Promise<void>;
  /** Checks a typed key against the slot and records when; throws invalid- or wrong-recovery-key. */
  verify(text: string): Promise<void>;
  /**
   * Forgotten password: the recovery key opens the vault key, a new master password wraps it,
   * and the vault opens. Offline; with sync, the account's own password is not changed here.
   */
  reset(text: string, password: string, onStep?: (step: 'new' | 'open') => void): Promise<void>;
  refresh(): Promise<void>;
}

export async function createRecovery(db: TesseraDb, crypto: CryptoClient, session: Session): Promise<RecoveryService> {
  const [status, setStatus] = createSignal<RecoveryStatus | null>(null);
  const [fresh, setFresh] = createSignal<string | null>(null);

  const refresh = async () => {
    const row = (await db.meta.get('vault'))?.recovery;
    setStatus(row ? { createdAt: row.createdAt, verifiedAt: row.verifiedAt } : null);
  };

  const writeSlot = async (vaultKey: Uint8Array) => {
    const key = createRecoveryKey();
    try {
      const recovery: RecoverySlotRow = {
        slot: wrapVaultKeyForRecovery(key, vaultKey),
        createdAt: Date.now(),
        verifiedAt: null,
      };
      await db.meta.update('vault', { recovery });
      setFresh(formatRecoveryKey(key));
    } finally {
      wipe(key);
    }
    await refresh();
  };

  const openSlot = async (text: string): Promise<Uint8Array> => {
    const slot = (await db.meta.get('vault'))?.recovery?.slot;
    if (!slot) throw new VaultError('no-recovery-key', 'This vault has no recovery key on this device.');
    const key = parseRecoveryKey(text);
    try {
      return unwrapVaultKeyWithRecovery(key, slot);
    } finally {
      wipe(key);
    }
  };

  await refresh();
  return {
    status,
    fresh,
    dismissFresh: () => setFresh(null),
    makeWithVaultKey: writeSlot,
    async make(password, onProgress) {
      const meta = await db.meta.get('vault');
      if (!meta) throw new VaultError('no-vault', 'There is no vault on this device.');
      const keys = await passwordKeys(crypto, password, meta.salt, meta.kdf, onProgress);
      let vaultKey: Uint8Array | null = null;
      try {
        vaultKey = unwrapVaultKey(keys.kek, meta.wrappedVaultKey);
        await writeSlot(vaultKey);
      } finally {
        forgetKeys(keys);
        if (vaultKey) wipe(vaultKey);
      }
    },
    async verify(text) {
      wipe(await openSlot(text));
      const meta = await db.meta.get('vault');
      if (meta?.recovery) await db.meta.update('vault', { recovery: { ...meta.recovery, verifiedAt: Date.now() } });
      await refresh();
    },
    async reset(text, password, onStep) {
      const vaultKey = await openSlot(text);
      try {
        onStep?.('new');
        const salt = createSalt();
        const kdf = { ...DEFAULT_KDF };
        const keys = await passwordKeys(crypto, password, salt, kdf);
        try {
          const meta = await db.meta.get('vault');
          // The key worked, so it is as good as verified.
          const recovery = meta?.recovery ? { ...meta.recovery, verifiedAt: Date.now() } : null;
          await db.meta.update('vault', { salt, kdf, wrappedVaultKey: wrapVaultKey(keys.kek, vaultKey), recovery });
        } finally {
          forgetKeys(keys);
        }
      } catch (error) {
        wipe(vaultKey);
        throw error;
      }
      await refresh();
      onStep?.('open');
      await session.enterWithKey(vaultKey);
    },
    refresh,
  };
}
