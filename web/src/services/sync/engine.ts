import { createEffect, createRoot, createSignal, on, type Accessor } from 'solid-js';
import { wipe } from '@tessera/core/crypto/bytes';
import { deletionHash } from '@tessera/core/crypto/deletion';
import { isTesseraError } from '@tessera/core/errors';
import { SYNC_LIMITS } from '@tessera/core/sync/limits';
import type { TesseraDb } from '../db.ts';
import type { Session } from '../session.ts';
import type { VaultStore } from '../vault-store.ts';
import { isApiError, type Api } from './api.ts';
import { openTabChannel } from '../tab-channel.ts';
import { applyAcks, applyIncoming, checkLockedRollbacks, mergePending, type Applied, type Keys } from './apply.ts';
import { backoffDelay } from './backoff.ts';
import { pushBatches } from './batches.ts';
import { loadRevMemory, type RevMemory } from './rev-memory.ts';
import { browserHost, type SyncHost } from './host.ts';
import { CLOSE_ACCOUNT_DELETED, CLOSE_ERASE, createDeviceSocket } from './socket.ts';
import type { SignedOutReason, SyncState, SyncStatus } from './status.ts';

// The sync engine (docs/web-sync.md): pull the server's changes after the cursor, push the
// outbox (rows with dirty = 1) on their base seq, merge conflicts, repeat until nothing is left.
// It runs on start, on unlock, when the network returns, on focus, on a timer, soon after a
// local edit and at once when the server pokes over the WebSocket. It moves ciphertext while
// the vault is locked; merging waits for the unlock. One run at a time per device (a Web Lock
// spans the app's tabs); network calls happen outside the vault's write queue, so local edits
// never wait for the server.
//
// Reconnecting is deterministic: going online, the socket (re)opening and the window gaining
// focus each start a run at once with the retry backoff back at its first step, so nothing
// waits out a delay earned while offline. The browser parts (window and document events,
// timers, Web Locks, the WebSocket) come in through `host` (host.ts), so the engine also runs
// in Node under fake timers (web/test/sync/engine.test.ts).

export type Trigger =
  | 'start'
  | 'unlock'
  | 'online'
  | 'reconnect'
  | 'focus'
  | 'timer'
  | 'poke'
  | 'edit'
  | 'account'
  | 'retry'
  | 'user';

export interface SyncEngine {
  status: Accessor<SyncStatus>;
  /** Runs now, or right after the run in progress. */
  syncNow(trigger?: Trigger): void;
  /** Re-reads the account row (after turning sync on, signing in or out) and acts on it. */
  accountChanged(): Promise<void>;
  /** Waits until no run is in progress (used before signing out). */
  idle(): Promise<void>;
  /**
   * Calls `listener` when another device asked this one to erase itself (the socket said so, or
   * the server answered `erase-requested`); sync stops then. The account service does the erasing.
   */
  onErase(listener: () => void): void;
  stop(): void;
}

const PULL_PAGE = SYNC_LIMITS.pullMaxLimit;
// A push answered with conflicts is merged and pushed again; devices racing on one item settle
// in a round or two, and a bound keeps a pathological case from spinning.
const MAX_PUSH_ROUNDS = 8;
const EDIT_DELAY_MS = 400;
// With a live socket the server says when something changed; the timer is only a safety net.
const TIMER_MS = 30_000;
const TIMER_WITH_SOCKET_MS = 5 * 60_000;
const LOCK_NAME = 'tessera-sync';

export interface SyncEngineOptions {
  db: TesseraDb;
  session: Pick<Session, 'store'>;
  api: Pick<Api, 'pull' | 'push' | 'purge'>;
  host?: SyncHost;
}

export function createSyncEngine({ db, session, api, host = browserHost() }: SyncEngineOptions): SyncEngine {
  const [status, setStatus] = createSignal<SyncStatus>({
    state: { kind: 'off' },
    waiting: 0,
    toMerge: 0,
    lastSyncedAt: null,
    rollbacks: 0,
    trashed: 0,
    setAside: 0,
    cursor: 0,
  });
  const patch = (next: Partial<SyncStatus>) => setStatus({ ...status(), ...next });
  const setState = (state: SyncState) => patch({ state });

  let running: Promise<void> | null = null;
  let again = false;
  let attempt = 0;
  let retryTimer: unknown;
  let editTimer: unknown;
  let cursor = 0;
  let stopped = false;
  const revMemories = new WeakMap<VaultStore, RevMemory>();
  const checkedUnlock = new WeakSet<VaultStore>();

  // Tabs of one vault share IndexedDB: one of them syncs at a time.
  const withDeviceLock = <T>(task: () => Promise<T>): Promise<T> =>
    host.locks ? host.locks.request(LOCK_NAME, task) : task();

  const socket = createDeviceSocket(host, {
    seq(seq) {
      if (seq > cursor) syncNow('poke');
    },
    // A socket that (re)opened may have missed pokes while it was down, and the outbox may
    // hold edits made meanwhile: a run at once settles both, with the backoff started over.
    opened(seq) {
      attempt = 0;
      if (seq > cursor || status().waiting > 0) syncNow('reconnect');
    },
    erase() {
      eraseRequested();
    },
    closed(code) {
      if (code === CLOSE_ACCOUNT_DELETED) void signedOut('account-deleted');
      else if (code === CLOSE_ERASE) eraseRequested();
      // Any other close: a run finds out whether the session still holds (401 ends it).
      else syncNow('retry');
    },
  });

  // Purges waiting for the server count as changes waiting: "nothing waiting" means the server
  // has everything this device did, removals included.
  const count = async () => {
    const [dirty, purges, toMerge] = await Promise.all([
      db.records.where('dirty').equals(1).count(),
      db.purges.count(),
      db.pending.count(),
    ]);
    patch({ waiting: dirty + purges, toMerge });
  };

  // Another tab's engine ran (or its vault wrote): the rows and cursor this tab shows may have
  // moved under it, so it reads them again instead of showing a stale "1 change waiting".
  const tabs = host.tabs(() => {
    void (async () => {
      const account = await db.account.get('account');
      if (account) {
        cursor = Math.max(cursor, Number(account.cursor));
        patch({ cursor, lastSyncedAt: account.lastSyncedAt });
      }
      await count();
    })();
  });

  /** Runs `task` with the open vault's keys (in its write queue), or with none while locked. */
  const withKeys = async <T>(task: (keys: Keys | null) => Promise<T>): Promise<T> => {
    const store = session.store();
    if (!store) return task(null);
    return store.exclusive(async (tools) => {
      let revs = revMemories.get(store);
      if (!revs) {
        revs = await loadRevMemory(db, tools);
        revMemories.set(store, revs);
      }
      const keys: Keys = { tools, revs };
      const out = await task(keys);
      await revs.save();
      return out;
    });
  };

  const shown = async (applied: Applied, keys: Keys | null) => {
    if (applied.rollbacks > 0) patch({ rollbacks: status().rollbacks + applied.rollbacks });
    if (applied.trashed > 0) patch({ trashed: status().trashed + applied.trashed });
    if (applied.setAside > 0) patch({ setAside: status().setAside + applied.setAside });
    if (applied.ids.length === 0) return;
    if (keys) await keys.tools.reload(applied.ids);
    else {
      // Locked: no store here to show them. A tab waiting for the password has read the rows
      // already (session.ts) and other tabs may hold copies: tell them, as a store's writes do.
      const meta = await db.meta.get('vault');
      if (!meta) return;
      const channel = openTabChannel(meta.vaultId, () => undefined);
      channel.post(applied.ids);
      channel.close();
    }
  };

  const apply = (items: Parameters<typeof applyIncoming>[1], nextCursor?: string) =>
    withKeys(async (keys) => {
      const applied = await applyIncoming(db, items, keys, nextCursor);
      await shown(applied, keys);
      return applied;
    });

  const pull = async (token: string, from: string) => {
    let since = from;
    for (;;) {
      let page;
      try {
        page = await api.pull(token, since, PULL_PAGE);
      } catch (error) {
        // The server's vault is not the one this cursor came from (deleted and made again):
        // start over; base seqs come from that pull (docs/api.md, "Sync", step 7).
        if (isApiError(error, 'cursor-invalid') && since !== '0') {
          since = '0';
          await db.account.update('account', { cursor: '0' });
          continue;
        }
        throw error;
      }
      await apply(page.changes, page.nextCursor);
      since = page.nextCursor;
      cursor = Number(since);
      patch({ cursor });
      if (!page.more) return;
    }
  };

  /**
   * The deletion secrets of these items (docs/vault-format.md, "Deletion proof"), from the open
   * vault's key; null while locked. The caller wipes them.
   */
  const secretsFor = async (ids: readonly string[]): Promise<Map<string, Uint8Array> | null> => {
    const store = session.store();
    if (!store) return null;
    try {
      return await store.exclusive(async (tools) => new Map(ids.map((id) => [id, tools.deletionSecret(id)])));
    } catch (error) {
      if (isTesseraError(error, 'vault-locked')) return null;
      throw error;
    }
  };

  /** SHA-256 of each item's deletion secret, sent with its push so the server can check a purge later. */
  const hashesFor = async (ids: readonly string[]): Promise<Map<string, Uint8Array> | null> => {
    const secrets = await secretsFor(ids);
    if (!secrets) return null;
    const hashes = new Map([...secrets].map(([id, secret]) => [id, deletionHash(secret)]));
    wipe(...secrets.values());
    return hashes;
  };

  const applyConflicts = (
    conflicts: readonly { id: string; current: Parameters<typeof applyIncoming>[1][number] | null }[],
  ) =>
    withKeys(async (keys) => {
      if (conflicts.length === 0) return;
      const applied = await applyIncoming(
        db,
        conflicts.map((c) => c.current ?? { id: c.id, absent: true as const }),
        keys,
      );
      await shown(applied, keys);
    });

  /**
   * Sends the purges queued on this device (db.ts PurgeRow); true when the server wrote. Each item's
   * last copy is pushed once more with its deletion hash (an item the server got before hashes
   * existed can then be purged, and an item changed elsewhere since comes back as a conflict),
   * then purged at the seq that push gave it, with its deletion secret as the proof. The secrets
   * need the vault key: while locked, purges wait. An item changed elsewhere since it was
   * purged here (restored on another device, say) is not purged: it comes back, and the user can
   * delete it again.
   */
  const sendPurges = async (token: string): Promise<boolean> => {
    const queued = await db.purges.toArray();
    // Never reached the server: nothing to purge there.
    const local = queued.filter((row) => row.seq === 0).map((row) => row.id);
    if (local.length > 0) await db.purges.bulkDelete(local);
    const remote = queued.filter((row) => row.seq > 0);
    let wrote = false;
    for (let at = 0; at < remote.length; at += SYNC_LIMITS.changesPerPush) {
      const batch = remote.slice(at, at + SYNC_LIMITS.changesPerPush);
      const secrets = await secretsFor(batch.map((row) => row.id));
      if (!secrets) return wrote;
      try {
        const pushed = await api.push(
          token,
          batch.map((row) => ({
            id: row.id,
            baseSeq: row.seq,
            envelope: row.envelope,
            deletionHash: deletionHash(secrets.get(row.id)!),
          })),
        );
        if (pushed.applied.length > 0) wrote = true;
        await applyConflicts(pushed.conflicts);
        await db.purges.bulkDelete(pushed.conflicts.map((c) => c.id));
        if (pushed.applied.length === 0) continue;
        const answer = await api.purge(
          token,
          pushed.applied.map((a) => ({ id: a.id, baseSeq: a.seq, proof: secrets.get(a.id)! })),
        );
        await applyConflicts(answer.conflicts);
        await db.purges.bulkDelete([...answer.purged.map((p) => p.id), ...answer.conflicts.map((c) => c.id)]);
      } finally {
        wipe(...secrets.values());
      }
    }
    return wrote;
  };

  /** Pushes the outbox; true when the server wrote some of it. */
  const push = async (token: string): Promise<boolean> => {
    let wrote = false;
    for (let round = 0; round < MAX_PUSH_ROUNDS; round++) {
      const waitingForUnlock = session.store()
        ? new Set<string>()
        : new Set(await db.pending.toCollection().primaryKeys());
      const outbox = (await db.records.where('dirty').equals(1).toArray()).filter(
        (row) => !waitingForUnlock.has(row.id),
      );
      if (outbox.length === 0) return wrote;
      let conflicts = 0;
      for (const batch of pushBatches(outbox)) {
        // Exactly the bytes read from the rows: a retry after a lost answer sends the same
        // envelopes again, which the server reports as applied without writing (idempotent).
        const hashes = await hashesFor(batch.map((row) => row.id));
        const answer = await api.push(
          token,
          batch.map((row) => {
            const deletionHash = hashes?.get(row.id);
            return deletionHash === undefined
              ? { id: row.id, baseSeq: row.seq, envelope: row.envelope }
              : { id: row.id, baseSeq: row.seq, envelope: row.envelope, deletionHash };
          }),
        );
        const sent = new Map(batch.map((row) => [row.id, row.envelope]));
        await withKeys(async (keys) => {
          await applyAcks(db, sent, answer.applied, keys);
          if (answer.conflicts.length > 0) {
            const applied = await applyIncoming(
              db,
              answer.conflicts.map((c) => c.current ?? { id: c.id, absent: true as const }),
              keys,
            );
            await shown(applied, keys);
          }
        });
        conflicts += answer.conflicts.length;
        if (answer.applied.length > 0) wrote = true;
      }
      if (conflicts === 0) return wrote;
    }
    // Still conflicting after several rounds (another device writing the same items as fast):
    // the next run continues.
    again = true;
    return wrote;
  };

  /**
   * The session ended. `refused` is the token the server turned away: when the stored token is no
   * longer that one (a sign-in or a password reset stored a new session while the refused call
   * was on its way), the refusal says nothing about the new session, which must not be cleared:
   * the engine runs again with it instead.
   */
  const signedOut = async (reason: SignedOutReason, refused?: string) => {
    const cleared = await db.transaction('rw', db.account, async () => {
      const account = await db.account.get('account');
      if (refused !== undefined && account?.token !== refused) return false;
      await db.account.update('account', { token: null, sessionId: null, signedOutReason: reason });
      return true;
    });
    if (!cleared) {
      again = true;
      return;
    }
    socket.close();
    setState({ kind: 'signed-out', reason });
  };

  // Told to erase: nothing more is synced (the server answers nothing else now) and the
  // listener (services/account.ts) locks, confirms and wipes.
  let eraseListener: (() => void) | null = null;
  let erasing = false;
  const eraseRequested = () => {
    if (erasing) return;
    erasing = true;
    stopped = true;
    socket.close();
    setState({ kind: 'erasing' });
    eraseListener?.();
  };

  /** The session the current run calls with: a refusal ends that session, not a newer one. */
  let runToken: string | null = null;

  const runOnce = async () => {
    const account = await db.account.get('account');
    await count();
    if (!account) {
      socket.close();
      setState({ kind: 'off' });
      return;
    }
    patch({ lastSyncedAt: account.lastSyncedAt, cursor: Math.max(cursor, Number(account.cursor)) });
    if (account.token === null) {
      socket.close();
      setState({ kind: 'signed-out', reason: account.signedOutReason ?? 'session-ended' });
      return;
    }
    const token = account.token;
    runToken = token;
    cursor = Math.max(cursor, Number(account.cursor));
    socket.connect(token);
    setState({ kind: 'syncing' });
    await withDeviceLock(async () => {
      await withKeys(async (keys) => {
        if (!keys) return;
        const store = session.store();
        if (store && !checkedUnlock.has(store)) {
          checkedUnlock.add(store);
          const rollbacks = await checkLockedRollbacks(db, keys);
          if (rollbacks > 0) patch({ rollbacks: status().rollbacks + rollbacks });
        }
        await shown(await mergePending(db, keys), keys);
      });
      // The cursor as it is now, under the lock: another tab may have moved it meanwhile.
      await pull(token, (await db.account.get('account'))?.cursor ?? account.cursor);
      // Pulling once more after a push that wrote moves the cursor past this device's own
      // changes, so "idle, nothing waiting, cursor N" means this device holds the server's
      // vault up to seq N: what the status shows and what tests wait on.
      const pushed = await push(token);
      const purged = await sendPurges(token);
      if (pushed || purged) await pull(token, String(cursor));
    });
    const now = host.now();
    await db.account.update('account', { lastSyncedAt: now });
    attempt = 0;
    patch({ lastSyncedAt: now });
    setState({ kind: 'idle' });
  };

  const failed = async (error: unknown) => {
    if (isApiError(error, 'session-invalid')) return signedOut('session-ended', runToken ?? undefined);
    if (isApiError(error, 'erase-requested')) return eraseRequested();
    if (isTesseraError(error, 'vault-locked')) {
      // Locked mid-run: the rest moves as ciphertext.
      again = true;
      return;
    }
    const retryAfterMs = isApiError(error) ? error.retryAfterMs : null;
    const delay = backoffDelay(attempt++, host.random, undefined, retryAfterMs);
    host.clearTimeout(retryTimer);
    retryTimer = host.setTimeout(() => syncNow('retry'), delay);
    if (isApiError(error, 'network') && !host.isOnline()) return setState({ kind: 'offline' });
    const code = isTesseraError(error) ? error.code : 'internal-error';
    const message = error instanceof Error ? error.message : String(error);
    setState({ kind: 'error', code, message, retryAt: host.now() + delay });
  };

  const run = async () => {
    do {
      do {
        again = false;
        try {
          await runOnce();
        } catch (error) {
          await failed(error);
        }
      } while (again && !stopped);
      await count();
      tabs.post();
      // A trigger (a poke for another device's push, say) that came while the counts were read
      // found this run still going and only set `again`: run once more, or it would be lost and
      // the device would sit behind the server until its timer.
    } while (again && !stopped);
  };

  function syncNow(trigger: Trigger = 'user') {
    if (stopped) return;
    // A fresh reason to expect the server (the user asked, the network or the socket came
    // back, the app came to the front) starts the backoff over.
    if (trigger === 'user' || trigger === 'online' || trigger === 'reconnect' || trigger === 'focus') attempt = 0;
    if (running) {
      again = true;
      return;
    }
    host.clearTimeout(retryTimer);
    running = run().finally(() => {
      running = null;
    });
  }

  // Triggers. The engine lives as long as the page, so these are never removed except by stop().
  const onOnline = () => {
    // A socket that stayed "open" through the outage may be dead (Chromium keeps it open while
    // offline, a real network until TCP gives up): a fresh one greets with the server's seq.
    socket.reconnect();
    syncNow('online');
  };
  const onOffline = () => {
    if (status().state.kind !== 'off' && status().state.kind !== 'signed-out') setState({ kind: 'offline' });
  };
  const onFocus = () => {
    if (!host.isHidden()) syncNow('focus');
  };
  const unlisten = host.listen({ online: onOnline, offline: onOffline, focus: onFocus });
  let ticks = 0;
  const timer = host.setInterval(() => {
    ticks += 1;
    if (!socket.isOpen() || ticks * TIMER_MS >= TIMER_WITH_SOCKET_MS) {
      ticks = 0;
      syncNow('timer');
    }
  }, TIMER_MS);

  const disposeRoot = createRoot((dispose) => {
    createEffect(
      on(
        session.store,
        (store) => {
          if (!store) return;
          syncNow('unlock');
          // A local edit is already safe in IndexedDB; it is pushed shortly after, so a burst of
          // typing becomes one push.
          store.onWrite(() => {
            void count();
            host.clearTimeout(editTimer);
            editTimer = host.setTimeout(() => syncNow('edit'), EDIT_DELAY_MS);
          });
        },
        { defer: true },
      ),
    );
    return dispose;
  });

  syncNow('start');

  return {
    status,
    syncNow,
    async accountChanged() {
      attempt = 0;
      const account = await db.account.get('account');
      if (!account?.token) socket.close();
      syncNow('account');
      await running;
    },
    async idle() {
      while (running) await running;
    },
    onErase(listener) {
      eraseListener = listener;
      if (erasing) listener();
    },
    stop() {
      stopped = true;
      socket.close();
      host.clearTimeout(retryTimer);
      host.clearTimeout(editTimer);
      host.clearInterval(timer);
      unlisten();
      tabs.close();
      disposeRoot();
    },
  };
}
