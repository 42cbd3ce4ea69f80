import { SOCKET_PROTOCOL } from '@tessera/core/sync/limits';

// Close codes a device's WebSocket can end with (docs/api.md, "WebSocket"): 4001 tells the app
// to ask the user to sign in again, 4002 that the account is gone.
export const CLOSE = Object.freeze({ unexpectedMessage: 1003, sessionEnded: 4001, accountDeleted: 4002, erase: 4003 });

// Per device (session), a few sockets at most: a page reloaded many times must not leave a pile
// of connections that each get every poke.
export const SOCKETS_PER_SESSION = 4;

export const PING = '{"type":"ping"}';
export const PONG = '{"type":"pong"}';

function close(socket: WebSocket, code: number, reason: string): void {
  try {
    socket.close(code, reason);
  } catch {
    // Already closing or closed: nothing left to do.
  }
}

export function sessionOf(ctx: DurableObjectState, socket: WebSocket): string | undefined {
  return ctx.getTags(socket)[0];
}

export function closeSessionSockets(ctx: DurableObjectState, sessionId: string, code: number, reason: string): void {
  for (const socket of ctx.getWebSockets(sessionId)) close(socket, code, reason);
}

// "Sign out and erase": the device hears it first as a message (it may be mid-sync), then the
// socket closes with 4003, which says the same to a client that missed the message.
export function tellErase(ctx: DurableObjectState, sessionId: string): void {
  for (const socket of ctx.getWebSockets(sessionId)) {
    try {
      socket.send('{"type":"erase"}');
    } catch {
      // Closed meanwhile: the close below, or its next contact, tells it.
    }
    close(socket, CLOSE.erase, 'erase this device');
  }
}

export function closeAllSockets(ctx: DurableObjectState, code: number, reason: string): void {
  for (const socket of ctx.getWebSockets()) close(socket, code, reason);
}

// Makes room for one more socket of this session by closing its oldest ones.
export function trimSessionSockets(ctx: DurableObjectState, sessionId: string): void {
  const sockets = ctx.getWebSockets(sessionId);
  for (const socket of sockets.slice(0, Math.max(0, sockets.length - SOCKETS_PER_SESSION + 1))) {
    close(socket, CLOSE.sessionEnded, 'replaced by a newer connection of this device');
  }
}

// Tells every other device that the vault changed up to `seq`, so it pulls at once. Sockets whose
// session has ended meanwhile (expired or revoked) are closed instead.
export function pokeOthers(
  ctx: DurableObjectState,
  fromSessionId: string,
  seq: number,
  isLive: (sessionId: string) => boolean,
): void {
  const message = JSON.stringify({ type: 'changed', seq });
  for (const socket of ctx.getWebSockets()) {
    const sessionId = sessionOf(ctx, socket);
    if (sessionId === fromSessionId) continue;
    if (sessionId === undefined || !isLive(sessionId)) {
      close(socket, CLOSE.sessionEnded, 'session ended');
      continue;
    }
    try {
      socket.send(message);
    } catch {
      close(socket, CLOSE.sessionEnded, 'send failed');
    }
  }
}

// Accepts a device's socket through the hibernation API, tagged with its session id (so the
// session's sockets can be found and closed), and greets it with the vault's latest seq.
export function acceptDeviceSocket(ctx: DurableObjectState, sessionId: string, seq: number): Response {
  trimSessionSockets(ctx, sessionId);
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  ctx.acceptWebSocket(server, [sessionId]);
  server.send(JSON.stringify({ type: 'hello', seq }));
  return new Response(null, { status: 101, webSocket: client, headers: { 'sec-websocket-protocol': SOCKET_PROTOCOL } });
}

// The runtime answers the exact ping text itself; another spelling of a ping is answered here,
// and anything else is not part of the protocol.
export function answerDeviceMessage(socket: WebSocket, message: string | ArrayBuffer): void {
  if (typeof message === 'string') {
    try {
      if ((JSON.parse(message) as { type?: unknown } | null)?.type === 'ping') {
        socket.send(PONG);
        return;
      }
    } catch {
      // Not JSON: falls through to the close below.
    }
  }
  close(socket, CLOSE.unexpectedMessage, 'devices only send {"type":"ping"}');
}
