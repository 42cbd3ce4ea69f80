import { readFileSync } from 'node:fs';
import { deriveMasterKey, KDF_LIMITS } from '@tessera/core/crypto/kdf';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { createVaultKey, wrapVaultKey } from '@tessera/core/crypto/vault-key';
import { base32Decode } from '@tessera/core/otp/base32';
import { importBackup } from '@tessera/core/transfer/backup';
import { TransferError } from '@tessera/core/transfer/errors';
import type { RecordView } from '@tessera/core/vault/record';
import { describe, expect, it } from 'vitest';
import { transferCalls, verifyMasterPassword } from '../../src/workers/transfer-calls.ts';
import { transferErrorFromWire, transferErrorToWire, type TransferCalls } from '../../src/workers/transfer-protocol.ts';
import { createRpcClient, type Handlers, type Spec } from '../../src/workers/rpc.ts';
import { ChannelWorker } from '../workers/channel.ts';

// The transfer worker's calls: the master password check against a vault made as
// session.createVault makes one, and real imports and backups through workers/rpc.ts over a
// MessageChannel, as services/transfer-client.ts reaches them.

// The floor of crypto/kdf, to keep the test quick; the check reads whatever the vault stores.
const KDF = {
  algorithm: 'argon2id' as const,
  memoryKiB: KDF_LIMITS.minMemoryKiB,
  iterations: KDF_LIMITS.minIterations,
  parallelism: 1,
};

async function vault(password: string) {
  const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
  const { kek } = splitMasterKey(await deriveMasterKey(password, salt, KDF));
  return { salt, kdf: KDF, wrappedVaultKey: wrapVaultKey(kek, createVaultKey()) };
}

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../packages/core/test/transfer/fixtures/${name}`, import.meta.url)));

// One record as the page's list holds it; each test sets what it is about.
const view = (patch: Partial<RecordView>): RecordView => ({
  id: 'EBESExQVFhcYGRobHB0eHw',
  title: '',
  url: '',
  username: '',
  password: '',
  notes: '',
  tags: [],
  favourite: false,
  otp: null,
  deleted: false,
  createdAt: 1,
  updatedAt: 2,
  ...patch,
});

// A totp of `digits` digits, the example secret.
const totp = (digits = 6): NonNullable<RecordView['otp']> => ({
  type: 'totp',
  secret: base32Decode('JBSWY3DPEHPK3PXP'),
  algorithm: 'SHA1',
  digits,
  period: 30,
  counter: 0,
  issuer: 'Example',
  account: 'alice',
});

describe('verifyMasterPassword', () => {
  it('accepts the vault’s password (NFKC, as unlocking) and refuses any other', async () => {
    const meta = await vault('caf\u00e9 tractor');
    expect(await verifyMasterPassword({ ...meta, password: 'caf\u00e9 tractor' })).toBe(true);
    expect(await verifyMasterPassword({ ...meta, password: 'cafe\u0301 tractor' })).toBe(true);
    expect(await verifyMasterPassword({ ...meta, password: 'cafe tractor' })).toBe(false);
  });

  it('refuses stored KDF settings outside the floor and ceiling before deriving', async () => {
    const meta = await vault('pw');
    await expect(
      verifyMasterPassword({ ...meta, kdf: { ...KDF, memoryKiB: 8 }, password: 'pw' }),
    ).rejects.toMatchObject({ code: 'kdf-params' });
  });
});

function client() {
  const worker = new ChannelWorker(transferCalls as Handlers<Spec>, transferErrorToWire);
  return createRpcClient<TransferCalls>(() => worker, {
    fromWire: transferErrorFromWire,
    crashed: () => new Error('stopped'),
  });
}

// Real key derivations (the fixtures' own and the backup's Argon2id): seconds on a busy machine.
describe('transferCalls over the worker protocol', { timeout: 30_000 }, () => {
  it('answers an import with core’s result, and a wrong password with a TransferError naming the format', async () => {
    const rpc = client();
    const input = fixture('aegis-encrypted.json');
    const done = await rpc.call('import', { input, fileName: 'aegis.json', password: 'correct horse ünïcode 🔑' });
    expect(done).toMatchObject({ format: 'aegis' });
    const wrong = await rpc.call('import', { input, password: 'nope' }).catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(TransferError);
    expect(wrong).toMatchObject({ code: 'wrong-password', format: 'aegis' });
    expect(JSON.stringify(transferErrorToWire(wrong))).not.toContain('nope');
    rpc.close(new Error('done'));
  });

  it('writes a backup that core opens', async () => {
    const rpc = client();
    const record = view({ title: 'Example', username: 'alice', password: 'pw', otp: totp() });
    const file = await rpc.call('backup', { records: [record], password: 'backup password' });
    const back = await importBackup(file, 'backup password');
    expect(back.entries[0]?.login).toMatchObject({ title: 'Example', username: 'alice', password: 'pw' });
    rpc.close(new Error('done'));
  });

  it('makes Google Authenticator’s QR code contents, ten accounts each, and names what cannot go', async () => {
    const rpc = client();
    const records = Array.from({ length: 12 }, (_, i) =>
      view({
        id: `EBESExQVFhcYGRobHB0e${String(i).padStart(2, '0')}`,
        title: `Example ${i}`,
        otp: totp(i === 11 ? 7 : 6),
      }),
    );
    const made = await rpc.call('migration', { records });
    expect(made.uris).toHaveLength(2);
    expect(made.uris.every((uri) => uri.startsWith('otpauth-migration://offline?data='))).toBe(true);
    expect(made.skipped).toMatchObject([{ index: 11, code: 'migration-unsupported' }]);
    rpc.close(new Error('done'));
  });

  it('hands the backup’s buffer over rather than copying it', async () => {
    const moved: Transferable[] = [];
    const record = view({ title: 'x' });
    const file = await transferCalls.backup(
      { records: [record], password: 'p' },
      { progress: () => undefined, transfer: (...buffers) => moved.push(...buffers) },
    );
    expect(moved).toEqual([file.buffer]);
  });
});
