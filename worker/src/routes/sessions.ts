import type { SessionListResponse } from '@tessera/core/sync/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { unwrap } from '../http/errors.ts';
import { requireSession } from '../http/session.ts';

export const sessions = new Hono<AppEnv>();

// Every signed-in device of the account, oldest first; `current` marks the caller's own.
sessions.get('/', requireSession, async (c) => {
  const list = unwrap(await c.var.account.listSessions(c.var.tokenHash));
  const body: SessionListResponse = { sessions: list };
  return c.json(body);
});

// Ends any session of the account, this one included; its WebSockets close with 4001.
sessions.delete('/:id', requireSession, async (c) => {
  unwrap(await c.var.account.revokeSession(c.var.tokenHash, c.req.param('id')));
  return c.body(null, 204);
});
