// What the sync engine and its WebSocket need from the browser, passed in so that both run in
// Node too (web/test/sync/engine.test.ts drives them with fake timers, fake-indexeddb and a
// socket it controls). `browserHost()` is the real thing.

/** The part of a WebSocket the device socket uses. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export const SOCKET_OPEN = 1;

export interface HostEvents {
  online(): void;
  offline(): void;
  /** The window gained focus or the page became visible. */
  focus(): void;
}

export interface SyncHost {
  now(): number;
  random(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  isOnline(): boolean;
  isHidden(): boolean;
  /** Adds the listeners; returns a function that removes them. */
  listen(events: HostEvents): () => void;
  /** Web Locks, shared by the origin's tabs; undefined where the browser has none. */
  locks: Pick<LockManager, 'request'> | undefined;
  /** Opens the device socket with these subprotocols (docs/api.md, "WebSocket"). */
  openSocket(protocols: string[]): SocketLike;
  /** A channel to this origin's other tabs: `heard` runs on each message another tab posts. */
  tabs(heard: () => void): { post(): void; close(): void };
}

type Handle = ReturnType<typeof globalThis.setTimeout>;

export function browserHost(): SyncHost {
  return {
    now: () => Date.now(),
    random: () => Math.random(),
    setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as Handle | undefined),
    setInterval: (run, ms) => globalThis.setInterval(run, ms),
    clearInterval: (handle) => globalThis.clearInterval(handle as Handle | undefined),
    isOnline: () => navigator.onLine,
    isHidden: () => document.visibilityState === 'hidden',
    listen({ online, offline, focus }) {
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      window.addEventListener('focus', focus);
      document.addEventListener('visibilitychange', focus);
      return () => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
        window.removeEventListener('focus', focus);
        document.removeEventListener('visibilitychange', focus);
      };
    },
    locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
    tabs(heard) {
      if (typeof BroadcastChannel !== 'function') return { post() {}, close() {} };
      const channel = new BroadcastChannel('tessera-sync');
      channel.onmessage = () => heard();
      return { post: () => channel.postMessage('ran'), close: () => channel.close() };
    },
    openSocket(protocols) {
      const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/vault/socket`;
      return new WebSocket(url, protocols);
    },
  };
}
