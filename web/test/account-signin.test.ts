import 'fake-indexeddb/auto';
import { equalBytes } from '@tessera/core/crypto/bytes';
import { deriveMasterKey, type KdfParams } from '@tessera/core/crypto/kdf';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import { createVaultKey, wrapVaultKey } from '@tessera/core/crypto/vault-key';
import { isTesseraError } from '@tessera/core/errors';
import type { DeviceKind, PreloginResponse, SecondFactorMethod, SignInResponse } from '@tessera/core/sync/protocol';
import { backupKekFromMasterKey } from '@tessera/core/transfer/backup-file';
import type { CodeChannel, CodeSentResponse } from '@tessera/core/sync/two-factor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { passwordKeys } from '../src/services/account-keys.ts';
import { createSignIn, type SecondFactorStep } from '../src/services/account-signin.ts';
import type { CryptoClient } from '../src/services/crypto-client.ts';
import { openDb, type AccountRow, type TesseraDb, type VaultMetaRow } from '../src/services/db.ts';
import { createSession, type Session } from '../src/services/session.ts';
import { ApiError } from '../src/services/sync/api.ts';

// Signing in to sync (src/services/account-signin.ts) in Node: the real database (fake-indexeddb),
// the real session (the vault it opens), Argon2id from core as the crypto worker runs it, and an
// account server in memory that answers as docs/api.md says, or as a hostile server might. The
// outcomes: what ends in the meta and account tables, whether the vault opens and with what,
// which sessions the server is told to end, and the error the user gets.

// The floor crypto/kdf accepts: each derivation takes a fraction of a second in Node.
const KDF: KdfParams = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };
// A test runs up to five derivations (about a second each on a busy 2-core machine).
vi.setConfig({ testTimeout: 60_000 });
const EMAIL = 'ada@example.org';
const PASSWORD = 'violet tractor 42 meadow lantern';
const OTHER_PASSWORD = 'copper kettle 19 orchard whistle';

const crypto: CryptoClient = {
  deriveMasterKey: (password, salt, params, onProgress) => deriveMasterKey(password, salt, params, onProgress),
  // No worker in Node: nothing to start early or stop.
  release() {},
  async warm() {},
};

interface Account {
  salt: Uint8Array;
  kdf: KdfParams;
  authKey: Uint8Array;
  vaultId: string;
  wrappedVaultKey: Uint8Array;
  secondFactor: boolean;
}

/** The account side of docs/api.md ("Sign-in"), in memory; `answer` bends the sign-in answer. */
class AccountServer {
  readonly accounts = new Map<string, Account>();
  /** Tokens the client asked to sign out, in order. */
  readonly signedOut: string[] = [];
  readonly granted: string[] = [];
  readonly attempts = new Map<string, string>();
  /** The device kind each password step came with. */
  readonly kinds: (DeviceKind | null | undefined)[] = [];
  answer: (vault: Extract<SignInResponse, { kind: 'session' }>['vault']) => typeof vault = (vault) => vault;
  /** Runs while a second-factor code is checked, before the server answers. */
  duringVerify: () => void = () => {};

  async register(password: string, vaultKey: Uint8Array, vaultId = randomId(), secondFactor = false) {
    const salt = randomBytes(16);
    const keys = await passwordKeys(crypto, password, salt, KDF);
    this.accounts.set(EMAIL, {
      salt,
      kdf: { ...KDF },
      authKey: keys.authKey,
      vaultId,
      wrappedVaultKey: wrapVaultKey(keys.kek, vaultKey),
      secondFactor,
    });
    return vaultId;
  }

  private session(account: Account): SignInResponse {
    const token = `${randomId()}.${randomId()}`;
    this.granted.push(token);
    return {
      kind: 'session',
      session: { token, id: randomId(), expiresAt: Date.now() + 86_400_000 },
      vault: this.answer({
        vaultId: account.vaultId,
        salt: account.salt,
        kdf: account.kdf,
        wrappedVaultKey: account.wrappedVaultKey,
        recovery: null,
      }),
    };
  }

  readonly api = {
    prelogin: async (email: string): Promise<PreloginResponse> => {
      const account = this.accounts.get(email)!;
      return { salt: account.salt, kdf: account.kdf };
    },
    signIn: async (
      email: string,
      authKey: Uint8Array,
      _deviceName: string,
      deviceKind?: DeviceKind | null,
    ): Promise<SignInResponse> => {
      this.kinds.push(deviceKind);
      const account = this.accounts.get(email);
      if (!account || !equalBytes(account.authKey, authKey))
        throw new ApiError('credentials-invalid', 'Wrong email or password', 401);
      if (!account.secondFactor) return this.session(account);
      const attemptId = randomId();
      this.attempts.set(attemptId, '123456');
      return {
        kind: 'second-factor',
        secondFactor: { required: true, methods: ['email'], attemptId, expiresAt: Date.now() + 600_000 },
      };
    },
    signOut: async (token: string): Promise<void> => {
      this.signedOut.push(token);
    },
    signInSend: async (_email: string, _attemptId: string, _method: CodeChannel): Promise<CodeSentResponse> => ({
      sent: true,
      to: 'a•••@example.org',
      expiresAt: Date.now() + 600_000,
      resendAfterSeconds: 60,
    }),
    signInVerify: async (
      email: string,
      attemptId: string,
      _method: SecondFactorMethod,
      code: string,
    ): Promise<SignInResponse> => {
      if (this.attempts.get(attemptId) !== code) throw new ApiError('code-invalid', 'Wrong code', 401);
      this.duringVerify();
      return this.session(this.accounts.get(email)!);
    },
  };
}

const dbs: TesseraDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

interface Device {
  db: TesseraDb;
  session: Session;
  /** How often the sync engine was told the account changed. */
  told: number;
  signIn: ReturnType<typeof createSignIn>;
}

/** A device; with `vault`, one that already holds it under `password` (and maybe an account row). */
async function device(
  server: AccountServer,
  vault?: { vaultId: string; vaultKey: Uint8Array; password: string; account?: Partial<AccountRow> },
): Promise<Device> {
  const db = openDb(`signin-test-${randomId()}`);
  dbs.push(db);
  if (vault) {
    const salt = randomBytes(16);
    const keys = await passwordKeys(crypto, vault.password, salt, KDF);
    const meta: VaultMetaRow = {
      key: 'vault',
      format: 1,
      vaultId: vault.vaultId,
      salt,
      kdf: { ...KDF },
      wrappedVaultKey: wrapVaultKey(keys.kek, vault.vaultKey),
      deviceId: randomId(),
      clock: null,
    };
    await db.meta.put(meta);
    if (vault.account)
      await db.account.put({
        key: 'account',
        email: EMAIL,
        vaultId: vault.vaultId,
        deviceName: 'Laptop',
        token: null,
        sessionId: null,
        cursor: '0',
        signedOutReason: 'session-ended',
        lastSyncedAt: null,
        ...vault.account,
      });
  }
  const session = await createSession(db, crypto);
  const result: Device = {
    db,
    session,
    told: 0,
    signIn: null as unknown as Device['signIn'],
  };
  result.signIn = createSignIn({
    db,
    crypto,
    session,
    api: server.api,
    deviceKind: { browser: 'Firefox', os: 'Linux' },
    engine: {
      accountChanged: async () => {
        result.told++;
      },
    },
  });
  return result;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error,
  );
}

/** The session holds the automatic backups' key of PASSWORD under `salt` (the account's). */
async function expectBackupKeyOf(session: Session, salt: Uint8Array): Promise<void> {
  const backup = session.backupKey();
  expect(backup).not.toBeNull();
  expect(equalBytes(backup!.salt, salt)).toBe(true);
  expect(backup!.kdf).toEqual(KDF);
  const expected = backupKekFromMasterKey(await deriveMasterKey(PASSWORD, salt, KDF));
  expect(equalBytes(backup!.kek, expected)).toBe(true);
}

describe('signIn', () => {
  it("sends this device's kind with the password step, which the second step's session takes", async () => {
    const server = new AccountServer();
    await server.register(PASSWORD, createVaultKey(), randomId(), true);
    const d = await device(server);
    const outcome = await d.signIn({ email: EMAIL, password: PASSWORD, deviceName: 'Phone' });
    if (outcome.kind !== 'second-factor') throw new Error('expected the second-factor step');
    await outcome.step.verify('email', '123456');
    expect(server.kinds).toEqual([{ browser: 'Firefox', os: 'Linux' }]);
  });

  it('brings the account vault to a new device: stored, opened, the engine told; no key at rest but the wrapped one', async () => {
    const server = new AccountServer();
    const vaultId = await server.register(PASSWORD, createVaultKey());
    const d = await device(server);
    const progress: number[] = [];
    expect(
      await d.signIn({ email: ' Ada@Example.org ', password: PASSWORD, deviceName: 'Phone' }, (f) => progress.push(f)),
    ).toEqual({ kind: 'signed-in' });
    const meta = await d.db.meta.get('vault');
    const account = server.accounts.get(EMAIL)!;
    expect(meta).toMatchObject({ vaultId, kdf: KDF });
    expect(equalBytes(meta!.salt, account.salt) && equalBytes(meta!.wrappedVaultKey, account.wrappedVaultKey)).toBe(
      true,
    );
    expect(await d.db.account.get('account')).toMatchObject({
      email: EMAIL,
      vaultId,
      deviceName: 'Phone',
      token: server.granted[0],
      cursor: '0',
      signedOutReason: null,
    });
    expect(d.session.phase()).toBe('unlocked');
    expect(d.told).toBe(1);
    expect(progress.at(-1)).toBe(1);
    expect(server.signedOut).toEqual([]);
    // Automatic backups start at once, under this password: the session holds their key, made
    // from the same derivation, and wipes it at lock.
    await expectBackupKeyOf(d.session, account.salt);
    const held = d.session.backupKey()!.kek;
    // The same password opens it from now on.
    d.session.lock();
    expect(held.every((byte) => byte === 0)).toBe(true);
    expect(d.session.backupKey()).toBeNull();
    await d.session.unlock(PASSWORD);
    expect(d.session.phase()).toBe('unlocked');
  });

  it('takes the account password on a signed-out device and keeps its unsynced edit, queued, and its cursor', async () => {
    const server = new AccountServer();
    const vaultKey = createVaultKey();
    const vaultId = await server.register(OTHER_PASSWORD, vaultKey);
    // The device knew the old password; the account's was changed on another device.
    const d = await device(server, { vaultId, vaultKey, password: PASSWORD, account: { cursor: '42' } });
    await d.session.unlock(PASSWORD);
    const id = await d.session.store()!.create({ title: 'Edited offline', username: '', password: '', notes: '' });
    d.session.lock();

    await d.signIn({ email: EMAIL, password: OTHER_PASSWORD, deviceName: 'Laptop' });
    expect(d.session.store()!.view(id)?.title).toBe('Edited offline');
    expect(await d.db.records.get(id)).toMatchObject({ dirty: 1 });
    expect(await d.db.account.get('account')).toMatchObject({ cursor: '42', token: server.granted[0] });
    d.session.lock();
    await expect(d.session.unlock(PASSWORD)).rejects.toMatchObject({ code: 'wrong-password' });
    await d.session.unlock(OTHER_PASSWORD);
    expect(d.session.phase()).toBe('unlocked');
  });

  it('ends the session the device still held when it signs in again', async () => {
    const server = new AccountServer();
    const vaultKey = createVaultKey();
    const vaultId = await server.register(PASSWORD, vaultKey);
    const d = await device(server, {
      vaultId,
      vaultKey,
      password: PASSWORD,
      account: { token: 'old.token', sessionId: randomId(), signedOutReason: null },
    });
    await d.signIn({ email: EMAIL, password: PASSWORD, deviceName: 'Laptop' });
    expect(server.signedOut).toEqual(['old.token']);
    expect((await d.db.account.get('account'))?.token).toBe(server.granted[0]);
  });

  it('refuses a wrong password with the server error and stores nothing', async () => {
    const server = new AccountServer();
    await server.register(PASSWORD, createVaultKey());
    const d = await device(server);
    const error = await failure(d.signIn({ email: EMAIL, password: OTHER_PASSWORD, deviceName: 'Phone' }));
    expect(isTesseraError(error, 'credentials-invalid')).toBe(true);
    expect(await d.db.meta.count()).toBe(0);
    expect(await d.db.account.count()).toBe(0);
    expect(d.session.phase()).toBe('new');
  });

  it('refuses an account that holds another vault: nothing changes here and the new session ends', async () => {
    const server = new AccountServer();
    await server.register(PASSWORD, createVaultKey());
    const mine = { vaultId: randomId(), vaultKey: createVaultKey(), password: PASSWORD };
    const d = await device(server, mine);
    const before = await d.db.meta.get('vault');
    const error = await failure(d.signIn({ email: EMAIL, password: PASSWORD, deviceName: 'Laptop' }));
    expect(isTesseraError(error, 'other-vault')).toBe(true);
    expect((error as Error).message).toMatch(/different vault/);
    expect(await d.db.meta.get('vault')).toEqual(before);
    expect(await d.db.account.count()).toBe(0);
    expect(server.signedOut).toEqual(server.granted);
    expect(d.told).toBe(0);
  });

  it("refuses an account whose vault key does not open this device's records", async () => {
    const server = new AccountServer();
    const vaultId = randomId();
    await server.register(PASSWORD, createVaultKey(), vaultId);
    // Same vault id, another key: the records here would never open again.
    const d = await device(server, { vaultId, vaultKey: createVaultKey(), password: PASSWORD });
    await d.session.unlock(PASSWORD);
    await d.session.store()!.create({ title: 'Local only', username: '', password: '', notes: '' });
    d.session.lock();
    const before = await d.db.meta.get('vault');
    const error = await failure(d.signIn({ email: EMAIL, password: PASSWORD, deviceName: 'Laptop' }));
    expect(isTesseraError(error, 'vault-key-mismatch')).toBe(true);
    expect(await d.db.meta.get('vault')).toEqual(before);
    expect(server.signedOut).toEqual(server.granted);
    await d.session.unlock(PASSWORD);
    expect(
      d.session
        .store()!
        .records()
        .map((r) => r.title),
    ).toEqual(['Local only']);
  });

  it('refuses a sign-in answer with other key settings than prelogin gave, and stores none of them', async () => {
    const server = new AccountServer();
    await server.register(PASSWORD, createVaultKey());
    server.answer = (vault) => ({ ...vault, kdf: { ...vault.kdf, iterations: 3 } });
    const d = await device(server);
    const error = await failure(d.signIn({ email: EMAIL, password: PASSWORD, deviceName: 'Phone' }));
    expect(isTesseraError(error, 'kdf-mismatch')).toBe(true);
    expect(await d.db.meta.count()).toBe(0);
    expect(await d.db.account.count()).toBe(0);
    expect(server.signedOut).toEqual(server.granted);
  });
});

describe('signIn with a second factor', () => {
  async function started(server: AccountServer) {
    await server.register(PASSWORD, createVaultKey(), randomId(), true);
    const d = await device(server);
    const outcome = await d.signIn({ email: EMAIL, password: PASSWORD, deviceName: 'Phone' });
    expect(outcome.kind).toBe('second-factor');
    return { d, step: (outcome as { step: SecondFactorStep }).step };
  }

  it('stores nothing until the code is right, then signs in as without one', async () => {
    const server = new AccountServer();
    const { d, step } = await started(server);
    expect(step.methods).toEqual(['email']);
    expect(await d.db.account.count()).toBe(0);
    expect(isTesseraError(await failure(step.verify('email', '000000')), 'code-invalid')).toBe(true);
    await step.verify('email', '123456');
    expect(await d.db.account.get('account')).toMatchObject({ token: server.granted[0] });
    expect(d.session.phase()).toBe('unlocked');
    await expectBackupKeyOf(d.session, server.accounts.get(EMAIL)!.salt);
    // The key held for the step is gone: the step cannot be used twice.
    expect(isTesseraError(await failure(step.verify('email', '123456')), 'attempt-invalid')).toBe(true);
  });

  it('ends the attempt when the vault locks while the server checks the code, and signs that session out', async () => {
    const server = new AccountServer();
    const { d, step } = await started(server);
    server.duringVerify = () => d.session.lock();
    const error = await failure(step.verify('email', '123456'));
    expect(isTesseraError(error, 'attempt-invalid')).toBe(true);
    expect(server.signedOut).toEqual(server.granted);
    expect(await d.db.meta.count()).toBe(0);
    expect(await d.db.account.count()).toBe(0);
  });

  it('refuses the code after Cancel, before asking the server', async () => {
    const server = new AccountServer();
    const { d, step } = await started(server);
    step.cancel();
    expect(isTesseraError(await failure(step.verify('email', '123456')), 'attempt-invalid')).toBe(true);
    expect(server.granted).toEqual([]);
    expect(await d.db.account.count()).toBe(0);
  });
});
