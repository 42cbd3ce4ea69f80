import { SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX } from '@tessera/core/sync/limits';
import * as v from 'valibot';
import { ServerSocketMessageSchema } from '@tessera/core/sync/protocol';
import { backoffDelay, SOCKET_BACKOFF } from './backoff.ts';
import { SOCKET_OPEN, type SocketLike, type SyncHost } from './host.ts';

// The device's WebSocket to its account's Durable Object (docs/api.md, "WebSocket"): it only
// says "the vault changed up to seq N", so the engine pulls at once instead of at its next
// timer. The token travels as a subprotocol (browsers cannot set headers on a WebSocket, and a
// URL would end up in logs). Closed unexpectedly, it reconnects with backoff.
const PING = '{"type":"ping"}';
// docs/api.md asks for a ping every 30-60 s so proxies keep an idle socket open.
const PING_EVERY_MS = 45_000;
// The backoff starts over only once a socket has stayed open this long: sockets that open and
// are closed again at once (five tabs of one device, each replacing another's) keep backing off.
const STABLE_MS = 60_000;

export const CLOSE_SESSION_ENDED = 4001;
export const CLOSE_ACCOUNT_DELETED = 4002;
/** "Sign out and erase" from another device (docs/api.md, "Erasing a device"). */
export const CLOSE_ERASE = 4003;

export interface SocketEvents {
  /** `changed`: the vault's latest seq. */
  seq(seq: number): void;
  /** `hello`, the first message of a socket that just opened, with the vault's latest seq. */
  opened(seq: number): void;
  /** Closed for a reason the engine must look into (4001, 4002, 4003, or a refused handshake). */
  closed(code: number): void;
  /** Another device asked this one to erase itself. */
  erase(): void;
}

export interface DeviceSocket {
  /** Opens (or keeps) the socket for this token; a new token replaces the old socket. */
  connect(token: string): void;
  /** The network came back: a fresh socket now, whatever the old one's state (it may be dead). */
  reconnect(): void;
  isOpen(): boolean;
  close(): void;
}

export function createDeviceSocket(host: SyncHost, events: SocketEvents): DeviceSocket {
  let socket: SocketLike | null = null;
  let token: string | null = null;
  let attempt = 0;
  let retry: unknown;
  let ping: unknown;
  let stable: unknown;

  const stopTimers = () => {
    host.clearTimeout(retry);
    host.clearInterval(ping);
    host.clearTimeout(stable);
    retry = undefined;
  };

  const open = () => {
    stopTimers();
    if (token === null) return;
    let ws: SocketLike;
    try {
      ws = host.openSocket([SOCKET_PROTOCOL, `${SOCKET_TOKEN_PREFIX}${token}`]);
    } catch {
      return later();
    }
    socket = ws;
    ws.onopen = () => {
      stable = host.setTimeout(() => {
        attempt = 0;
      }, STABLE_MS);
      ping = host.setInterval(() => {
        if (ws.readyState === SOCKET_OPEN) ws.send(PING);
      }, PING_EVERY_MS);
    };
    ws.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = v.safeParse(ServerSocketMessageSchema, json);
      if (!parsed.success || parsed.output.type === 'pong') return;
      if (parsed.output.type === 'hello') events.opened(parsed.output.seq);
      else if (parsed.output.type === 'erase') events.erase();
      else events.seq(parsed.output.seq);
    };
    ws.onclose = (event: CloseEvent) => {
      if (socket !== ws) return;
      socket = null;
      host.clearInterval(ping);
      host.clearTimeout(stable);
      if (token === null) return;
      events.closed(event.code);
      // 4002: the account is gone; the engine decides. Anything else: try again later (a 4001
      // for a session that is still valid is a replaced connection, and the engine's check of
      // the session stops the retries when it is not).
      if (event.code !== CLOSE_ACCOUNT_DELETED && event.code !== CLOSE_ERASE) later();
    };
  };

  const later = () => {
    host.clearTimeout(retry);
    retry = host.setTimeout(open, backoffDelay(attempt++, host.random, SOCKET_BACKOFF));
  };

  return {
    connect(next) {
      if (token === next && (socket !== null || retry !== undefined)) return;
      token = next;
      const old = socket;
      socket = null;
      old?.close(1000, 'replaced');
      attempt = 0;
      open();
    },
    reconnect() {
      if (token === null) return;
      const old = socket;
      socket = null;
      old?.close(1000, 'reconnecting');
      attempt = 0;
      open();
    },
    isOpen: () => socket?.readyState === SOCKET_OPEN,
    close() {
      token = null;
      stopTimers();
      const old = socket;
      socket = null;
      old?.close(1000, 'signed out');
    },
  };
}
