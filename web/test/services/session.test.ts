import 'fake-indexeddb/auto';
import { deriveMasterKey, type KdfParams } from '@tessera/core/crypto/kdf';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import { createVaultKey, wrapVaultKey } from '@tessera/core/crypto/vault-key';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { passwordKeys } from '../../src/services/account-keys.ts';
import type { CryptoClient } from '../../src/services/crypto-client.ts';
import { openDb, type TesseraDb } from '../../src/services/db.ts';
import { createSession } from '../../src/services/session.ts';

// Unlocking (src/services/session.ts) in Node, with the real database (fake-indexeddb) and
// Argon2id from core as the crypto worker runs it. An unlock starts Argon2id on the row the
// unlock screen read; what a user would notice is that a password changed meanwhile in another
// tab still opens the vault, and the old one no longer does.

// The floor crypto/kdf accepts: each derivation takes a fraction of a second in Node.
const KDF: KdfParams = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };
vi.setConfig({ testTimeout: 60_000 });
const OLD_PASSWORD = 'violet tractor 42 meadow lantern';
const NEW_PASSWORD = 'copper kettle 19 orchard whistle';

let derivations = 0;
const crypto: CryptoClient = {
  deriveMasterKey: (password, salt, params, onProgress) => {
    derivations++;
    return deriveMasterKey(password, salt, params, onProgress);
  },
  // No worker in Node: nothing to start early or stop.
  release() {},
  async warm() {},
};

const dbs: TesseraDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** A device holding a vault under OLD_PASSWORD, its session started (so locked). */
async function lockedDevice() {
  const db = openDb(`session-test-${randomId()}`);
  dbs.push(db);
  const vaultKey = createVaultKey();
  const salt = randomBytes(16);
  const keys = await passwordKeys(crypto, OLD_PASSWORD, salt, KDF);
  await db.meta.put({
    key: 'vault',
    format: 1,
    vaultId: randomId(),
    salt,
    kdf: { ...KDF },
    wrappedVaultKey: wrapVaultKey(keys.kek, vaultKey),
    deviceId: randomId(),
    clock: null,
  });
  const session = await createSession(db, crypto);
  expect(session.phase()).toBe('locked');
  return { db, session, vaultKey };
}

describe('unlock', () => {
  it('derives the key once when the row is as the unlock screen found it', async () => {
    const { session } = await lockedDevice();
    derivations = 0;
    await session.unlock(OLD_PASSWORD);
    expect(session.phase()).toBe('unlocked');
    expect(derivations).toBe(1);
  });

  it('opens with a password another tab set while this one was locked, and not with the old one', async () => {
    const { db, session, vaultKey } = await lockedDevice();
    // The other tab: a new salt and cost, the same vault key wrapped under the new password.
    const salt = randomBytes(16);
    const kdf: KdfParams = { ...KDF, iterations: 3 };
    const keys = await passwordKeys(crypto, NEW_PASSWORD, salt, kdf);
    await db.meta.update('vault', { salt, kdf, wrappedVaultKey: wrapVaultKey(keys.kek, vaultKey) });

    await expect(session.unlock(OLD_PASSWORD)).rejects.toMatchObject({ code: 'wrong-password' });
    expect(session.phase()).toBe('locked');
    derivations = 0;
    await session.unlock(NEW_PASSWORD);
    expect(session.phase()).toBe('unlocked');
    // Once on the salt the unlock screen had read, once on the new one.
    expect(derivations).toBe(2);
    // Automatic backups go on under the new password's salt and cost.
    expect(session.backupKey()).toMatchObject({ salt, kdf });
  });
});
