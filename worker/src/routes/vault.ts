import { toBase64url } from '@tessera/core/crypto/bytes';
import { checkEnvelope } from '@tessera/core/sync/envelope';
import { SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX, SYNC_LIMITS } from '@tessera/core/sync/limits';
import {
  PullQuerySchema,
  PurgeRequestSchema,
  type PurgeResponseBody,
  PushRequestSchema,
  type PushResponseBody,
} from '@tessera/core/sync/protocol';
import { Hono } from 'hono';
import type { ItemChange } from '../account/items.ts';
import { hashToken, tokenAccount } from '../account/names.ts';
import type { AppEnv } from '../env.ts';
import { jsonBody, query } from '../http/body.ts';
import { ApiError, unwrap } from '../http/errors.ts';
import { requireSession } from '../http/session.ts';
import { itemBody, pullBody } from './bodies.ts';

export const vault = new Hono<AppEnv>();

// Pull: the changes after a cursor, oldest first, a page at a time (docs/api.md, "Sync").
vault.get('/changes', requireSession, query(PullQuerySchema), async (c) => {
  const { since, limit } = c.req.valid('query');
  const page = unwrap(await c.var.account.pull(c.var.tokenHash, Number(since), limit ?? SYNC_LIMITS.pullDefaultLimit));
  return c.json(pullBody(page.changes, page.nextCursor, page.more));
});

// Push: each change names the seq it was based on; stale ones come back as conflicts with the
// server's current item, the rest are written in one transaction. Every change is an envelope:
// the schema refuses a change that would remove an item (a deletion is a field inside the record),
// so a stolen token can overwrite with what it cannot seal, never erase.
// The count is checked before the schema looks at any change, so a 4 MiB body of tiny changes
// costs a length check, not a validation of each.
function atMostChangesPerPush(value: unknown): void {
  const changes =
    (value as { changes?: unknown; items?: unknown } | null)?.changes ?? (value as { items?: unknown } | null)?.items;
  if (Array.isArray(changes) && changes.length > SYNC_LIMITS.changesPerPush) {
    throw new ApiError(
      'too-many-changes',
      `A push or purge holds at most ${SYNC_LIMITS.changesPerPush} changes; this one has ${changes.length}`,
    );
  }
}

const pushBody = jsonBody(PushRequestSchema, {
  maxBytes: SYNC_LIMITS.pushBodyMaxBytes,
  precheck: atMostChangesPerPush,
});

vault.post('/changes', requireSession, pushBody, async (c) => {
  const { changes } = c.req.valid('json');
  const seen = new Set<string>();
  const items: ItemChange[] = changes.map((change, i) => {
    if (seen.has(change.id))
      throw new ApiError('duplicate-change', `changes[${i}] names item ${change.id} a second time`);
    seen.add(change.id);
    return {
      id: change.id,
      baseSeq: change.baseSeq,
      envelope: checkEnvelope(change.envelope, `changes[${i}].envelope`),
      deletionHash: change.deletionHash ?? null,
    };
  });
  const pushed = unwrap(await c.var.account.push(c.var.tokenHash, items));
  const body: PushResponseBody = {
    applied: pushed.applied,
    conflicts: pushed.conflicts.map((conflict) => ({
      id: conflict.id,
      current: conflict.current === null ? null : itemBody(conflict.current),
    })),
  };
  return c.json(body);
});

// Purge: removes items for good (docs/api.md, "Purge"). Each carries the item's deletion secret,
// which the account object checks against the hash the item was pushed with; a session token
// alone cannot make one.
// 500 purges of about 110 bytes each fit in 64 KiB; 128 KiB leaves room for whitespace.
const purgeBody = jsonBody(PurgeRequestSchema, { maxBytes: 128 * 1024, precheck: atMostChangesPerPush });

vault.post('/purge', requireSession, purgeBody, async (c) => {
  const { items } = c.req.valid('json');
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (seen.has(item.id)) throw new ApiError('duplicate-change', `items[${i}] names item ${item.id} a second time`);
    seen.add(item.id);
  }
  const done = unwrap(await c.var.account.purge(c.var.tokenHash, items));
  const body: PurgeResponseBody = {
    purged: done.purged,
    conflicts: done.conflicts.map((conflict) => ({
      id: conflict.id,
      current: conflict.current === null ? null : itemBody(conflict.current),
    })),
  };
  return c.json(body);
});

// The device's WebSocket. Browsers cannot set headers on one, so the token travels as a second
// subprotocol, `tessera.token.<token>`, next to `tessera.v1`; it never appears in the URL, where
// proxies and logs would keep it. The answer selects `tessera.v1` only.
vault.get('/socket', async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiError('upgrade-required', 'This route only accepts a WebSocket upgrade');
  }
  const offered = (c.req.header('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim());
  const token = offered.find((p) => p.startsWith(SOCKET_TOKEN_PREFIX))?.slice(SOCKET_TOKEN_PREFIX.length);
  const account = token === undefined ? null : tokenAccount(token);
  if (!offered.includes(SOCKET_PROTOCOL) || token === undefined || account === null) {
    throw new ApiError(
      'session-invalid',
      `Offer the subprotocols ${SOCKET_PROTOCOL} and ${SOCKET_TOKEN_PREFIX}<session token>`,
    );
  }
  const hash = toBase64url(await hashToken(token));
  return c.env.ACCOUNTS.getByName(account).fetch('https://account.internal/socket', {
    headers: { upgrade: 'websocket', 'x-tessera-token-hash': hash },
  });
});
