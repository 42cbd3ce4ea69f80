import { describe, expect, it } from 'vitest';
import { describeStatus, type SyncState, type SyncStatus } from '../../src/services/sync/status.ts';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const status = (state: SyncState, extra: Partial<SyncStatus> = {}): SyncStatus => ({
  state,
  waiting: 0,
  toMerge: 0,
  lastSyncedAt: null,
  rollbacks: 0,
  trashed: 0,
  setAside: 0,
  cursor: 0,
  ...extra,
});

describe('describeStatus', () => {
  it('says synced, with the time', () => {
    const text = describeStatus(status({ kind: 'idle' }, { lastSyncedAt: NOW - 60_000 }), NOW);
    expect(text.tone).toBe('ok');
    expect(text.title).toMatch(/^Synced at /);
  });

  it('counts the changes waiting', () => {
    expect(describeStatus(status({ kind: 'idle' }, { waiting: 3 }), NOW).title).toBe('3 changes waiting to sync');
    expect(describeStatus(status({ kind: 'idle' }, { waiting: 1, toMerge: 2 }), NOW).title).toBe(
      '1 change waiting to sync, 2 items to merge when unlocked',
    );
  });

  it('says offline, and that changes wait for the connection', () => {
    const text = describeStatus(status({ kind: 'offline' }, { waiting: 2 }), NOW);
    expect(text).toMatchObject({ tone: 'warn', title: 'Offline' });
    expect(text.detail).toContain('2 changes waiting to sync');
  });

  it('turns an error into what to do, with the retry time', () => {
    const text = describeStatus(
      status({ kind: 'error', code: 'vault-full', message: 'x', retryAt: NOW + 31_000 }),
      NOW,
    );
    expect(text.tone).toBe('error');
    expect(text.detail).toContain('Empty Recently deleted');
    expect(text.detail).toContain('Trying again in 31 s.');
    expect(text.action).toBe('retry');
    // An unknown code falls back to the server's message.
    expect(
      describeStatus(
        status({ kind: 'error', code: 'something-new', message: 'The server says why.', retryAt: null }),
        NOW,
      ).detail,
    ).toBe('The server says why.');
  });

  it('asks to sign in when the session ended, and says nothing is lost', () => {
    const text = describeStatus(status({ kind: 'signed-out', reason: 'session-ended' }, { waiting: 1 }), NOW);
    expect(text).toMatchObject({ tone: 'warn', title: 'Sign in to keep syncing', action: 'sign-in' });
    expect(text.detail).toContain('1 change waiting to sync: they are kept and sent after you sign in');
    expect(describeStatus(status({ kind: 'signed-out', reason: 'account-deleted' }), NOW).title).toBe(
      'The sync account was deleted',
    );
  });

  it('says when sync is off or running', () => {
    expect(describeStatus(status({ kind: 'off' }), NOW).title).toBe('Sync is off');
    expect(describeStatus(status({ kind: 'syncing' }), NOW)).toMatchObject({ tone: 'busy', title: 'Syncing…' });
  });
});
