import { readFileSync } from 'node:fs';
import { deriveMasterKey, KDF_LIMITS } from '@tessera/core/crypto/kdf';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { createVaultKey, wrapVaultKey } from '@tessera/core/crypto/vault-key';
import { base32Decode } from '@tessera/core/otp/base32';
import { importBackup } from '@tessera/core/transfer/backup';
import type { RecordView } from '@tessera/core/vault/record';
import { describe, expect, it } from 'vitest';
import { answer, verifyMasterPassword } from '../../src/workers/transfer-calls.ts';

// The transfer worker's work without the messaging: the master password check against a vault
// made as session.createVault makes one, and replies for real imports and backups.

// The floor of crypto/kdf, to keep the test quick; the check reads whatever the vault stores.
const KDF = { algorithm: 'argon2id' as const, memoryKiB: KDF_LIMITS.minMemoryKiB, iterations: KDF_LIMITS.minIterations, parallelism: 1 };

async function vault(password: string) {
  const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
  const { kek } = splitMasterKey(await deriveMasterKey(password, salt, KDF));
  return { salt, kdf: KDF, wrappedVaultKey: wrapVaultKey(kek, createVaultKey()) };
}

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../packages/core/test/transfer/fixtures/${name}`, import.meta.url)));

describe('verifyMasterPassword', () => {
  it('accepts the vault’s password (NFKC, as unlocking) and refuses any other', async () => {
    const meta = await vault('caf\u00e9 tractor');
    expect(await verifyMasterPassword({ ...meta, password: 'caf\u00e9 tractor' })).toBe(true);
    expect(await verifyMasterPassword({ ...meta, password: 'cafe\u0301 tractor' })).toBe(true);
    expect(await verifyMasterPassword({ ...meta, password: 'cafe tractor' })).toBe(false);
  });

  it('refuses stored KDF settings outside the floor and ceiling before deriving', async () => {
    const meta = await vault('pw');
    await expect(verifyMasterPassword({ ...meta, kdf: { ...KDF, memoryKiB: 8 }, password: 'pw' })).rejects.toMatchObject({ code: 'kdf-params' });
  });
});

describe('answer', () => {
  it('replies to an import with core’s result, and to a wrong password with a typed error naming the format', async () => {
    const input = fixture('aegis-encrypted.json');
    const done = await answer({ id: 1, call: 'import', args: { input, fileName: 'aegis.json', password: 'correct horse ünïcode 🔑' } });
    expect(done.reply).toMatchObject({ id: 1, kind: 'done', value: { format: 'aegis' } });
    const wrong = await answer({ id: 2, call: 'import', args: { input, password: 'nope' } });
    expect(wrong.reply).toMatchObject({ id: 2, kind: 'error', code: 'wrong-password', transfer: true, format: 'aegis' });
    expect(JSON.stringify(wrong.reply)).not.toContain('nope');
  });

  it('writes a backup that core opens, its buffer handed over rather than copied', async () => {
    const record: RecordView = {
      id: 'EBESExQVFhcYGRobHB0eHw', title: 'Example', url: '', username: 'alice', password: 'pw', notes: '', tags: [], favourite: false,
      otp: { type: 'totp', secret: base32Decode('JBSWY3DPEHPK3PXP'), algorithm: 'SHA1', digits: 6, period: 30, counter: 0, issuer: 'Example', account: 'alice' },
      deleted: false, createdAt: 1, updatedAt: 2,
    };
    const { reply, transfer } = await answer({ id: 3, call: 'backup', args: { records: [record], password: 'backup password' } });
    if (reply.kind !== 'done' || !(reply.value instanceof Uint8Array)) throw new Error('no backup');
    expect(transfer).toEqual([reply.value.buffer]);
    const back = await importBackup(reply.value, 'backup password');
    expect(back.entries[0]?.login).toMatchObject({ title: 'Example', username: 'alice', password: 'pw' });
  });
});
