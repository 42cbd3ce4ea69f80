import { EraseRequestSchema, type EraseResponse, type SessionListResponseBody } from '@tessera/core/sync/protocol';
import { sha256 } from '../crypto.ts';
import { jsonBody } from '../http/body.ts';
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { unwrap } from '../http/errors.ts';
import { requireSession } from '../http/session.ts';

export const sessions = new Hono<AppEnv>();

// Every signed-in device of the account, oldest first; `current` marks the caller's own.
sessions.get('/', requireSession, async (c) => {
  const list = unwrap(await c.var.account.listSessions(c.var.tokenHash));
  const body: SessionListResponseBody = {
    sessions: list.sessions,
    erasures: list.erasures.map((e) => ({
      id: e.sessionId,
      deviceName: e.deviceName,
      requestedAt: e.requestedAt,
      erasedAt: e.erasedAt,
    })),
  };
  return c.json(body);
});

// The device asked to erase confirms it, then wipes itself (docs/api.md, "Erasing a device").
// Registered before /:id so "erased" is never read as a session id.
sessions.post('/erased', requireSession, async (c) => {
  unwrap(await c.var.account.confirmErased(c.var.tokenHash));
  return c.body(null, 204);
});

// "Sign out and erase Tessera from that device": the password proven again, as for turning a
// two-factor method off, so a stolen session token cannot wipe the user's other devices.
sessions.post('/:id/erase', requireSession, jsonBody(EraseRequestSchema), async (c) => {
  const { authKey } = c.req.valid('json');
  const done = unwrap(await c.var.account.requestErase(c.var.tokenHash, await sha256(authKey), c.req.param('id')));
  const body: EraseResponse = { requestedAt: done.requestedAt };
  return c.json(body, 202);
});

// Ends any session of the account, this one included; its WebSockets close with 4001.
sessions.delete('/:id', requireSession, async (c) => {
  unwrap(await c.var.account.revokeSession(c.var.tokenHash, c.req.param('id')));
  return c.body(null, 204);
});
