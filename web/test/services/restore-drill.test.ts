import 'fake-indexeddb/auto';
import { KDF_LIMITS } from '@tessera/core/crypto/kdf';
import { randomId } from '@tessera/core/crypto/random';
import { base32Decode } from '@tessera/core/otp/base32';
import { sealBackup } from '@tessera/core/transfer/backup-file';
import { backupContent } from '@tessera/core/transfer/backup';
import type { RecordView } from '@tessera/core/vault/record';
import { describe, expect, it, vi } from 'vitest';
import type { BackupFile } from '../../src/services/auto-backup.ts';
import { openDb } from '../../src/services/db.ts';
import { createRestoreDrill } from '../../src/services/restore-drill.ts';
import type { Session } from '../../src/services/session.ts';
import { loadSettings } from '../../src/services/settings.ts';
import type { TransferClient } from '../../src/services/transfer-client.ts';
import { transferCalls } from '../../src/workers/transfer-calls.ts';
import { transferErrorFromWire, transferErrorToWire, type TransferCalls } from '../../src/workers/transfer-protocol.ts';
import { createRpcClient, type Handlers, type Spec } from '../../src/workers/rpc.ts';
import { ChannelWorker } from '../workers/channel.ts';

// The restore drill service (src/services/restore-drill.ts) with the real transfer worker calls
// over a MessageChannel, real settings on fake-indexeddb and a real backup file: what it records,
// what it sets aside, and that the password is kept nowhere.

const KDF = {
  algorithm: 'argon2id' as const,
  memoryKiB: KDF_LIMITS.minMemoryKiB,
  iterations: KDF_LIMITS.minIterations,
  parallelism: 1,
};
const PASSWORD = 'harbour lantern 7 quay';
const WRITTEN = Date.UTC(2026, 11, 1);

function view(id: string, title: string, code: boolean, at = WRITTEN - 1000): RecordView {
  return {
    id,
    title,
    url: '',
    username: '',
    password: '',
    notes: '',
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
    createdAt: at,
    updatedAt: at,
  };
}

const NAME = 'tessera-auto-2026-12-01T00-00-00-000Z.tessera';

async function setUp(file: BackupFile | null, vault: RecordView[]) {
  const dbName = `drill-test-${randomId()}`;
  const settings = await loadSettings(openDb(dbName));
  const clients: { cancelled: boolean }[] = [];
  const openClient = (): TransferClient => {
    const worker = new ChannelWorker(transferCalls as Handlers<Spec>, transferErrorToWire);
    const rpc = createRpcClient<TransferCalls>(() => worker, {
      fromWire: transferErrorFromWire,
      crashed: () => new Error('stopped'),
    });
    const state = { cancelled: false };
    clients.push(state);
    return {
      call: (call, args) => rpc.call(call, args),
      cancel: () => {
        state.cancelled = true;
        rpc.close(new Error('cancelled'));
      },
    };
  };
  const setAside = vi.fn(async (name: string) => `damaged-${name}`);
  const session = { store: () => ({ records: () => vault }) } as unknown as Pick<Session, 'store'>;
  const drill = createRestoreDrill({
    backups: { latest: async () => file, setAside, files: () => ['older.tessera'] },
    settings,
    session,
    openClient,
    now: () => Date.now(),
  });
  return { drill, settings, setAside, clients, reload: () => loadSettings(openDb(dbName)) };
}

describe('the restore drill service', { timeout: 30_000 }, async () => {
  const bytes = await sealBackup(
    backupContent(
      [view('AAAAAAAAAAAAAAAAAAAAAA', 'Harbour Mail', true), view('BBBBBBBBBBBBBBBBBBBBBB', 'Pier Locker', false)],
      WRITTEN,
    ),
    PASSWORD,
    KDF,
  );

  it('records a passing drill (date, codes, file) and ends its worker; the password is stored nowhere', async () => {
    const later = view('CCCCCCCCCCCCCCCCCCCCCC', 'Ferry Pass', true, WRITTEN + 60_000);
    const { drill, clients, reload } = await setUp({ name: NAME, bytes }, [
      view('AAAAAAAAAAAAAAAAAAAAAA', 'Harbour Mail', true),
      view('BBBBBBBBBBBBBBBBBBBBBB', 'Pier Locker', false),
      later,
    ]);
    const outcome = await drill.run({ password: PASSWORD });
    expect(outcome).toMatchObject({ kind: 'passed', file: NAME, backupAt: WRITTEN });
    if (outcome.kind !== 'passed') return;
    expect(outcome.comparison).toMatchObject({ opened: 2, codes: 1, extra: [] });
    expect(outcome.comparison.missing).toEqual([
      { id: later.id, label: 'Ferry Pass', hasCode: true, afterBackup: true },
    ]);
    expect(clients.every((client) => client.cancelled)).toBe(true);
    const stored = (await reload()).settings.lastRestoreDrill;
    expect(stored).toMatchObject({ ok: true, codes: 1, records: 2, file: NAME, failure: null });
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    expect(drill.due()).toBe(false);
  });

  it('records a wrong password as a failed drill, due again at once, and sets nothing aside', async () => {
    const { drill, setAside, reload } = await setUp({ name: NAME, bytes }, []);
    expect(await drill.run({ password: 'an older password' })).toEqual({ kind: 'wrong-password', file: NAME });
    expect(setAside).not.toHaveBeenCalled();
    expect((await reload()).settings.lastRestoreDrill).toMatchObject({ ok: false, failure: 'wrong-password' });
    expect(drill.due()).toBe(true);
  });

  it('sets a damaged file aside under another name, records it, and says an older one is left', async () => {
    const damaged = bytes.slice();
    damaged[damaged.length - 10]! ^= 0x01;
    const { drill, setAside, reload } = await setUp({ name: NAME, bytes: damaged }, []);
    expect(await drill.run({ password: PASSWORD })).toEqual({
      kind: 'damaged',
      file: NAME,
      keptAs: `damaged-${NAME}`,
      olderLeft: 1,
    });
    expect(setAside).toHaveBeenCalledWith(NAME);
    expect((await reload()).settings.lastRestoreDrill).toMatchObject({ ok: false, failure: 'damaged' });
  });

  it('says there is no backup yet and records nothing', async () => {
    const { drill, settings } = await setUp(null, []);
    expect(await drill.run({ password: PASSWORD })).toEqual({ kind: 'no-backup' });
    expect(settings.settings.lastRestoreDrill).toBeNull();
  });
});
