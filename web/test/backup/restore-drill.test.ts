import { KDF_LIMITS } from '@tessera/core/crypto/kdf';
import { createRecoveryKey, formatRecoveryKey, wrapVaultKeyForRecovery } from '@tessera/core/crypto/recovery-key';
import { createVaultKey } from '@tessera/core/crypto/vault-key';
import { base32Decode } from '@tessera/core/otp/base32';
import { backupVaultKek, sealBackup } from '@tessera/core/transfer/backup-file';
import { backupContent } from '@tessera/core/transfer/backup';
import type { RecordView } from '@tessera/core/vault/record';
import { describe, expect, it } from 'vitest';
import {
  compareBackup,
  DAY_MS,
  describeDrill,
  drillDue,
  drillDueAt,
  drillErrorKind,
  isDrillRecord,
  type BackupSummary,
  type DrillRecord,
  type VaultSide,
} from '../../src/lib/restore-drill.ts';
import { drillBackup } from '../../src/workers/transfer-calls.ts';
import { transferErrorToWire } from '../../src/workers/transfer-protocol.ts';

// The restore drill's pure parts (docs/web.md, "Restore drill") and the worker call that opens a
// real backup file for it.

const T0 = Date.UTC(2026, 11, 1, 12);

function side(id: string, over: Partial<VaultSide> = {}): VaultSide {
  return {
    id,
    label: id.toUpperCase(),
    hasCode: true,
    deleted: false,
    createdAt: T0 - DAY_MS,
    updatedAt: T0 - DAY_MS,
    ...over,
  };
}

describe('compareBackup', () => {
  const backup: BackupSummary = {
    exportedAt: T0,
    entries: [
      { id: 'a', label: 'Harbour Mail', hasCode: true, opened: true },
      { id: 'b', label: 'Pier Locker', hasCode: false, opened: true },
      { id: 'c', label: 'Lantern Bank', hasCode: true, opened: true },
      { id: 'd', label: 'Old Forum', hasCode: true, opened: true },
      { id: 'e', label: 'Broken', hasCode: true, opened: false },
    ],
  };

  it('counts what opened, and the codes among them', () => {
    const result = compareBackup(
      [side('a'), side('b', { hasCode: false }), side('c'), side('d'), side('e')],
      backup,
      T0,
    );
    expect(result).toMatchObject({ opened: 4, codes: 3, missing: [], extra: [], changedSince: 0 });
    expect(result.failed).toEqual([{ id: 'e', label: 'Broken' }]);
  });

  it('names vault records the backup lacks, marking those made or changed after it', () => {
    const vault = [
      side('a'),
      side('b'),
      side('c', { updatedAt: T0 + 5_000 }),
      side('d'),
      side('e'),
      side('new', { label: 'Ferry Pass', createdAt: T0 + 60_000, updatedAt: T0 + 60_000 }),
      side('lost', { label: 'Quay Club' }),
      side('trashed', { deleted: true }),
    ];
    const result = compareBackup(vault, backup, T0);
    expect(result.missing).toEqual([
      { id: 'new', label: 'Ferry Pass', hasCode: true, afterBackup: true },
      { id: 'lost', label: 'Quay Club', hasCode: true, afterBackup: false },
    ]);
    expect(result.changedSince).toBe(1);
  });

  it('names backup records no longer in the vault, telling Recently deleted apart', () => {
    const result = compareBackup([side('a'), side('b'), side('c', { deleted: true })], backup, T0);
    expect(result.extra).toEqual([
      { id: 'c', label: 'Lantern Bank', inTrash: true },
      { id: 'd', label: 'Old Forum', inTrash: false },
      { id: 'e', label: 'Broken', inTrash: false },
    ]);
  });
});

const passed = (at: number): DrillRecord => ({ at, ok: true, codes: 3, records: 4, file: 'f', failure: null });

describe('drillDueAt and drillDue', () => {
  it('counts from the first backup before any drill, then from the last drill', () => {
    expect(drillDueAt({ everyDays: 30, last: null, firstBackupAt: T0 })).toBe(T0 + 30 * DAY_MS);
    expect(drillDueAt({ everyDays: 7, last: passed(T0 + DAY_MS), firstBackupAt: T0 })).toBe(T0 + 8 * DAY_MS);
    expect(drillDue({ everyDays: 30, last: null, firstBackupAt: T0, now: T0 + 30 * DAY_MS - 1 })).toBe(false);
    expect(drillDue({ everyDays: 30, last: null, firstBackupAt: T0, now: T0 + 30 * DAY_MS })).toBe(true);
    expect(drillDue({ everyDays: 90, last: passed(T0), firstBackupAt: T0 - 400 * DAY_MS, now: T0 + 89 * DAY_MS })).toBe(
      false,
    );
  });

  it('is never due without a backup, nor with reminders off', () => {
    expect(drillDueAt({ everyDays: 30, last: null, firstBackupAt: null })).toBeNull();
    expect(drillDue({ everyDays: 0, last: passed(T0), firstBackupAt: T0, now: T0 + 1000 * DAY_MS })).toBe(false);
  });

  it('is due at once after a failed drill, even with reminders off', () => {
    const failed: DrillRecord = { ...passed(T0), ok: false, codes: 0, records: 0, failure: 'wrong-password' };
    expect(drillDue({ everyDays: 0, last: failed, firstBackupAt: T0, now: T0 })).toBe(true);
  });
});

describe('drillErrorKind', () => {
  it('tells a wrong password, a wrong key, damage and a device failure apart', () => {
    expect(drillErrorKind('wrong-password')).toBe('wrong-password');
    expect(drillErrorKind('invalid-recovery-key')).toBe('wrong-recovery-key');
    expect(drillErrorKind('no-recovery-slot')).toBe('no-recovery-slot');
    for (const code of ['malformed', 'not-tessera-backup', 'unsupported-version', 'kdf-params'])
      expect(drillErrorKind(code)).toBe('damaged');
    for (const code of ['kdf-failed', 'transfer-worker', 'cancelled']) expect(drillErrorKind(code)).toBe('failed');
  });
});

describe('isDrillRecord and describeDrill', () => {
  it('accepts a stored result and refuses anything else', () => {
    expect(isDrillRecord(passed(T0))).toBe(true);
    expect(isDrillRecord({ ...passed(T0), failure: 'lost' })).toBe(false);
    expect(isDrillRecord({ ...passed(T0), codes: -1 })).toBe(false);
    expect(isDrillRecord('yes')).toBe(false);
  });

  it('says the date and the codes that opened', () => {
    expect(describeDrill(null)).toBe('No restore tested yet.');
    expect(describeDrill(passed(T0))).toMatch(/^Restore tested on .*2026: 3 codes open\.$/);
    expect(describeDrill({ ...passed(T0), codes: 1 })).toMatch(/: 1 code open\.$/);
    expect(describeDrill({ ...passed(T0), ok: false, failure: 'damaged' })).toMatch(/failed: the backup was damaged/);
  });
});

// A real backup at the floor of crypto/kdf (a real Argon2id run, kept short).
const KDF = {
  algorithm: 'argon2id' as const,
  memoryKiB: KDF_LIMITS.minMemoryKiB,
  iterations: KDF_LIMITS.minIterations,
  parallelism: 1,
};

function view(id: string, title: string, code: boolean): RecordView {
  return {
    id,
    title,
    url: '',
    username: 'ada',
    password: 'hunter2-secret',
    notes: 'private note',
    tags: [],
    favourite: false,
    otp: code
      ? {
          type: 'totp',
          secret: base32Decode('JBSWY3DPEHPK3PXP'),
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
          issuer: title,
          account: 'ada',
        }
      : null,
    deleted: false,
    createdAt: T0 - DAY_MS,
    updatedAt: T0 - DAY_MS,
  };
}

describe('drillBackup (the transfer worker call)', { timeout: 30_000 }, async () => {
  const recoveryKey = createRecoveryKey();
  const vaultKey = createVaultKey();
  const file = await sealBackup(
    backupContent(
      [view('AAAAAAAAAAAAAAAAAAAAAA', 'Harbour Mail', true), view('BBBBBBBBBBBBBBBBBBBBBB', 'Pier Locker', false)],
      T0,
    ),
    'backup password',
    KDF,
    { slot: wrapVaultKeyForRecovery(recoveryKey, vaultKey), vaultKek: backupVaultKek(vaultKey) },
  );

  it('opens with the password and reports ids and names only, no secret', async () => {
    const summary = await drillBackup({ file, password: 'backup password' });
    expect(summary).toEqual({
      exportedAt: T0,
      entries: [
        { id: 'AAAAAAAAAAAAAAAAAAAAAA', label: 'Harbour Mail', hasCode: true, opened: true },
        { id: 'BBBBBBBBBBBBBBBBBBBBBB', label: 'Pier Locker', hasCode: false, opened: true },
      ],
    });
    const text = JSON.stringify(summary);
    for (const secret of ['hunter2', 'private note', 'JBSWY3DP']) expect(text).not.toContain(secret);
  });

  it('opens with the recovery key, typed as on the sheet', async () => {
    const summary = await drillBackup({ file, recoveryKey: formatRecoveryKey(recoveryKey).toLowerCase() });
    expect(summary.entries).toHaveLength(2);
  });

  it('refuses a wrong password as such, without the password in the error', async () => {
    const error = await drillBackup({ file, password: 'old password' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'wrong-password' });
    expect(drillErrorKind((error as { code: string }).code)).toBe('wrong-password');
    expect(JSON.stringify(transferErrorToWire(error))).not.toContain('old password');
  });

  it('calls a changed or cut file damaged', async () => {
    const flipped = file.slice();
    flipped[flipped.length - 5]! ^= 0xff;
    const changed = await drillBackup({ file: flipped, password: 'backup password' }).catch((e: unknown) => e);
    expect(drillErrorKind((changed as { code: string }).code)).toBe('damaged');
    const cut = await drillBackup({ file: file.slice(0, 60), password: 'backup password' }).catch((e: unknown) => e);
    expect(drillErrorKind((cut as { code: string }).code)).toBe('damaged');
    const zeros = await drillBackup({ file: new Uint8Array(file.length), password: 'backup password' }).catch(
      (e: unknown) => e,
    );
    expect(drillErrorKind((zeros as { code: string }).code)).toBe('damaged');
  });
});
