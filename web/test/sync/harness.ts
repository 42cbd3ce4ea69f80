import 'fake-indexeddb/auto';
import { createSignal } from 'solid-js';
import { deletionHash } from '@tessera/core/crypto/deletion';
import { equalBytes } from '@tessera/core/crypto/bytes';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import type { PullResponse, PurgeResponse, PushResponse, ServerItem } from '@tessera/core/sync/protocol';
import { openDb, type AccountRow, type TesseraDb, type VaultMetaRow } from '../../src/services/db.ts';
import { ApiError, type OutgoingChange, type OutgoingPurge } from '../../src/services/sync/api.ts';
import { createSyncEngine, type SyncEngine } from '../../src/services/sync/engine.ts';
import { SOCKET_OPEN, type HostEvents, type SocketLike, type SyncHost } from '../../src/services/sync/host.ts';
import { openVaultStore, type VaultStore } from '../../src/services/vault-store.ts';

// What the engine tests run against: devices (a fake-indexeddb database, a real vault store, a
// real engine) and a server that keeps the protocol of docs/api.md ("Sync") in memory: per-item
// seq, base-seq conflicts that return the current item, an idempotent retry of a change that
// was applied already. The real server is tested in workerd (worker/test) and end to end; this
// one can be told to fail, lose an answer or hold a request, which is what these tests are for.

// hash: SHA-256 of the deletion secret, from the item's first push that carried one; proof: a
// purge's proof, on a purge marker (envelope null). As worker/src/account/items.ts keeps them.
type Stored = { seq: number; envelope: Uint8Array | null; hash?: Uint8Array | null; proof?: Uint8Array };

export class MemoryServer {
  seq = 0;
  readonly items = new Map<string, Stored>();
  /** Every push the server received, retries included. */
  pushes = 0;
  pulls = 0;
  purges = 0;
  /** The next calls fail with no answer (a network error). */
  failNext = 0;
  /** The next push is applied, then its answer is lost. */
  loseNextAnswer = false;
  /** Sessions (tokens) the server ended (a password reset, a sign-out elsewhere): 401. */
  readonly revoked = new Set<string>();
  /** Sessions (tokens) asked to erase their device: every call of theirs answers 410. */
  readonly erasing = new Set<string>();
  /** While set, pulls wait for it (a slow network). */
  gate: Promise<void> | null = null;
  private readonly sockets = new Set<FakeSocket>();

  private fault(): void {
    if (this.failNext > 0) {
      this.failNext--;
      throw new ApiError('network', 'The server cannot be reached');
    }
  }

  private item(id: string, stored: Stored): ServerItem {
    if (stored.envelope !== null) return { id, seq: stored.seq, envelope: stored.envelope };
    return stored.proof === undefined
      ? { id, seq: stored.seq, deleted: true }
      : { id, seq: stored.seq, deleted: true, proof: stored.proof };
  }

  /** What a hostile server (or a stolen token's purge) would do: a marker with any proof it likes. */
  plantPurge(id: string, proof: Uint8Array): void {
    this.seq++;
    this.items.set(id, { seq: this.seq, envelope: null, hash: this.items.get(id)?.hash ?? null, proof });
  }

  readonly api = {
    pull: async (token: string, since: string, limit: number): Promise<PullResponse> => {
      this.pulls++;
      if (this.gate) await this.gate;
      this.fault();
      if (this.revoked.has(token)) throw new ApiError('session-invalid', 'The session has ended', 401);
      if (this.erasing.has(token)) throw new ApiError('erase-requested', 'erase this device', 410);
      const after = Number(since);
      const changes = [...this.items]
        .filter(([, s]) => s.seq > after)
        .sort((a, b) => a[1].seq - b[1].seq)
        .map(([id, s]) => this.item(id, s));
      const more = changes.length > limit;
      const page = changes.slice(0, limit);
      return { changes: page, nextCursor: String(more ? page[page.length - 1]!.seq : this.seq), more };
    },
    push: async (token: string, changes: readonly OutgoingChange[]): Promise<PushResponse> => {
      this.pushes++;
      this.fault();
      const applied: PushResponse['applied'] = [];
      const conflicts: PushResponse['conflicts'] = [];
      for (const change of changes) {
        const current = this.items.get(change.id);
        const envelope = 'envelope' in change ? change.envelope : null;
        if ((current?.seq ?? 0) !== change.baseSeq) {
          const same =
            current !== undefined &&
            (envelope === null
              ? current.envelope === null
              : current.envelope !== null && equalBytes(current.envelope, envelope));
          if (same) applied.push({ id: change.id, seq: current.seq });
          else conflicts.push({ id: change.id, current: current ? this.item(change.id, current) : null });
          continue;
        }
        this.seq++;
        const hash =
          current?.proof !== undefined ? (change.deletionHash ?? null) : (current?.hash ?? change.deletionHash ?? null);
        this.items.set(change.id, { seq: this.seq, envelope, hash });
        applied.push({ id: change.id, seq: this.seq });
      }
      // Every other device's sockets hear of it (docs/api.md: the pushing session is not poked).
      if (applied.some((a) => a.seq === this.seq))
        for (const socket of this.sockets)
          if (socket.token !== token) socket.receive({ type: 'changed', seq: this.seq });
      if (this.loseNextAnswer) {
        this.loseNextAnswer = false;
        throw new ApiError('network', 'The server cannot be reached');
      }
      return { applied, conflicts };
    },
    purge: async (token: string, items: readonly OutgoingPurge[]): Promise<PurgeResponse> => {
      this.purges++;
      this.fault();
      const purged: PurgeResponse['purged'] = [];
      const conflicts: PurgeResponse['conflicts'] = [];
      for (const item of items) {
        const current = this.items.get(item.id);
        if (!current || current.envelope === null || current.seq !== item.baseSeq) {
          conflicts.push({ id: item.id, current: current ? this.item(item.id, current) : null });
          continue;
        }
        if (!current.hash) throw new ApiError('deletion-proof-unavailable', 'pushed without a hash', 409);
        if (!equalBytes(current.hash, deletionHash(item.proof)))
          throw new ApiError('deletion-proof-invalid', 'wrong proof', 403);
      }
      for (const item of items) {
        if (conflicts.some((c) => c.id === item.id)) continue;
        this.seq++;
        // A copy, as the real server gets one over the wire (the client wipes its own).
        this.items.set(item.id, {
          seq: this.seq,
          envelope: null,
          hash: this.items.get(item.id)!.hash!,
          proof: item.proof.slice(),
        });
        purged.push({ id: item.id, seq: this.seq });
      }
      if (purged.length > 0)
        for (const socket of this.sockets)
          if (socket.token !== token) socket.receive({ type: 'changed', seq: this.seq });
      return { purged, conflicts };
    },
  };

  connect(socket: FakeSocket): void {
    this.sockets.add(socket);
  }

  disconnect(socket: FakeSocket): void {
    this.sockets.delete(socket);
  }
}

/** The device's WebSocket, connected to the memory server by the test. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  private readonly server: MemoryServer;
  readonly token: string;
  constructor(server: MemoryServer, token: string) {
    this.server = server;
    this.token = token;
  }
  accept(): void {
    this.readyState = SOCKET_OPEN;
    this.server.connect(this);
    this.onopen?.(new Event('open'));
    this.receive({ type: 'hello', seq: this.server.seq });
  }
  receive(message: unknown): void {
    if (this.readyState === SOCKET_OPEN)
      this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  /** A half-open connection: the browser still calls it open, the server no longer reaches it. */
  die(): void {
    this.server.disconnect(this);
  }
  send(): void {}
  close(code = 1000): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.server.disconnect(this);
    this.onclose?.({ code } as CloseEvent);
  }
}

export interface Device {
  db: TesseraDb;
  engine: SyncEngine;
  store(): VaultStore | null;
  unlock(): Promise<VaultStore>;
  lock(): void;
  /** What the host's window and document would fire. */
  fire: HostEvents;
  online: boolean;
  sockets: FakeSocket[];
  /** Called as a run ends (when the engine tells the other tabs): a test lands a poke there. */
  onRunEnd: (() => void) | null;
}

export interface Vault {
  vaultId: string;
  vaultKey: Uint8Array;
}

export function newVault(): Vault {
  return { vaultId: randomId(), vaultKey: randomBytes(32) };
}

/** A device with `vault`, signed in to the memory server (cursor 0), its vault unlocked. */
export async function newDevice(
  server: MemoryServer,
  vault: Vault,
  options: { autoAccept?: boolean } = {},
): Promise<Device> {
  const db = openDb(`tessera-test-${randomId()}`);
  const meta: VaultMetaRow = {
    key: 'vault',
    format: 1,
    vaultId: vault.vaultId,
    salt: randomBytes(16),
    kdf: { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 },
    wrappedVaultKey: new Uint8Array(0),
    deviceId: randomId(),
    clock: null,
  };
  await db.meta.put(meta);
  const sessionId = randomId();
  const token = `account.${sessionId}`;
  const account: AccountRow = {
    key: 'account',
    email: 'ada@example.org',
    vaultId: vault.vaultId,
    deviceName: 'test',
    token,
    sessionId,
    cursor: '0',
    signedOutReason: null,
    lastSyncedAt: null,
  };
  await db.account.put(account);
  const [store, setStore] = createSignal<VaultStore | null>(null);
  let listeners: HostEvents | null = null;
  const device: Device = {
    db,
    engine: null as unknown as SyncEngine,
    store,
    async unlock() {
      const opened = await openVaultStore(db, (await db.meta.get('vault'))!, vault.vaultKey.slice());
      setStore(opened);
      return opened;
    },
    lock() {
      const open = store();
      setStore(null);
      open?.close();
    },
    fire: {
      online: () => listeners?.online(),
      offline: () => listeners?.offline(),
      focus: () => listeners?.focus(),
    },
    online: true,
    sockets: [],
    onRunEnd: null,
  };
  const host: SyncHost = {
    now: () => Date.now(),
    random: () => 0.5,
    setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    setInterval: (run, ms) => globalThis.setInterval(run, ms),
    clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
    isOnline: () => device.online,
    isHidden: () => false,
    listen(events) {
      listeners = events;
      return () => {
        listeners = null;
      };
    },
    locks: undefined,
    tabs: () => ({
      post() {
        device.onRunEnd?.();
      },
      close() {},
    }),
    openSocket() {
      const socket = new FakeSocket(server, token);
      device.sockets.push(socket);
      if (options.autoAccept !== false && device.online) queueMicrotask(() => socket.accept());
      return socket;
    },
  };
  // Created locked, as at page load; the unlock then starts a run, like the app's.
  // Offline, this device's requests fail as a browser's do (the socket, like Chromium's, stays
  // "open" and must be replaced when the network returns).
  const offline = () => {
    if (!device.online) throw new ApiError('network', 'The server cannot be reached');
  };
  const api = {
    pull: async (...args: Parameters<MemoryServer['api']['pull']>) => (offline(), server.api.pull(...args)),
    push: async (...args: Parameters<MemoryServer['api']['push']>) => (offline(), server.api.push(...args)),
    purge: async (...args: Parameters<MemoryServer['api']['purge']>) => (offline(), server.api.purge(...args)),
  };
  device.engine = createSyncEngine({ db, session: { store }, api, host });
  await device.unlock();
  return device;
}

/** Lets every pending promise, IndexedDB request and run settle, without moving fake time. */
export async function settle(...devices: Device[]): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    for (const device of devices) await device.engine.idle();
  }
}
