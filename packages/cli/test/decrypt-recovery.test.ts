import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecoveryKey, formatRecoveryKey, wrapVaultKeyForRecovery } from '@tessera/core/crypto/recovery-key';
import { createVaultKey } from '@tessera/core/crypto/vault-key';
import { backupVaultKek } from '@tessera/core/transfer/backup-file';
import { exportBackup } from '@tessera/core/transfer/backup';
import { expectOneLineError, tessera } from './run.ts';
import { FLOOR_KDF, makeBackup, makeRecords, sampleOtp, scratchDir } from './helpers.ts';

// docs/cli.md, "tessera decrypt --recovery-key": a backup that carries the vault's recovery key
// slot (docs/import-export.md, version 2) opens offline with the emergency sheet's key.
const PASSWORD = 'backup pässword';
const scratch = scratchDir();
const records = makeRecords([
  { title: 'Example', username: 'alice@example.com', otp: sampleOtp(0) },
  { otp: sampleOtp(3) },
]);
const vaultKey = createVaultKey();
const key = createRecoveryKey();
const written = formatRecoveryKey(key);
let withSlot = '';
let withoutSlot = '';

beforeAll(async () => {
  const file = await exportBackup(records, PASSWORD, {
    kdf: FLOOR_KDF,
    now: Date.UTC(2026, 10, 23, 9),
    recovery: { slot: wrapVaultKeyForRecovery(key, vaultKey), vaultKek: backupVaultKek(vaultKey) },
  });
  withSlot = scratch.write('auto.tessera', file);
  withoutSlot = scratch.write('old.tessera', await makeBackup(records, PASSWORD));
});
afterAll(() => scratch.remove());

describe('tessera decrypt --recovery-key', () => {
  it('opens the backup with the recovery key from the environment, as typed by a person', async () => {
    const typed = written.toLowerCase().replace(/-/g, ' ');
    const run = await tessera(['decrypt', '--recovery-key', withSlot], undefined, { TESSERA_RECOVERY_KEY: typed });
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as { records: { id: string }[] };
    expect(document.records.map((r) => r.id)).toEqual(records.map((r) => r.id));
    // The same records as with the password.
    const byPassword = await tessera(['decrypt', withSlot], undefined, { TESSERA_PASSWORD: PASSWORD });
    expect(run.stdout).toBe(byPassword.stdout);
  });

  it('reads the key from --recovery-key-file and writes otpauth URIs', async () => {
    const keyFile = scratch.write('recovery-key.txt', `${written}\n`);
    const run = await tessera(['decrypt', '--recovery-key-file', keyFile, '--format', 'otpauth', withSlot]);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
    expect(run.stdout).toMatch(/^otpauth:\/\/totp\//);
  });

  it('says what is wrong with a wrong, a mistyped or a missing key, or a file without a slot', async () => {
    const other = formatRecoveryKey(createRecoveryKey());
    const wrong = await tessera(['decrypt', '--recovery-key', withSlot], undefined, { TESSERA_RECOVERY_KEY: other });
    expect(expectOneLineError(wrong)).toMatch(/recovery key does not open this backup/);
    const mistyped = (written[0] === 'A' ? 'B' : 'A') + written.slice(1);
    const typo = await tessera(['decrypt', '--recovery-key', withSlot], undefined, { TESSERA_RECOVERY_KEY: mistyped });
    expect(expectOneLineError(typo)).toMatch(/mistyped character/);
    const old = await tessera(['decrypt', '--recovery-key', withoutSlot], undefined, { TESSERA_RECOVERY_KEY: written });
    expect(expectOneLineError(old)).toMatch(/without a recovery key slot.*open it with its password/);
    // No terminal and no key given: says how to give one, and prints nothing.
    const none = await tessera(['decrypt', '--recovery-key', withSlot]);
    expect(expectOneLineError(none)).toMatch(/--recovery-key-file <path> or set TESSERA_RECOVERY_KEY/);
    const both = await tessera(['decrypt', '--recovery-key', '--password-file', withSlot, withSlot]);
    expect(expectOneLineError(both)).toMatch(/give one/);
  });
});
