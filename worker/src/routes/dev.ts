import { Hono } from 'hono';
import * as v from 'valibot';
import { type AppEnv, isDevMode } from '../env.ts';
import { query } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { outboxOf } from '../notify/outbox.ts';

export const dev = new Hono<AppEnv>();

// These routes do not exist unless DEV_MODE is "true" (set only by `npm start`, the tests and
// the e2e config): a deployed worker answers 404 exactly as for any unknown path.
dev.use('*', async (c, next) => {
  if (!isDevMode(c.env)) throw new ApiError('not-found', `No route ${new URL(c.req.url).pathname}`);
  await next();
});

const OutboxQuery = v.strictObject({
  to: v.optional(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,2}$/, 'limit must be 1 to 999'), v.transform(Number))),
});

dev.get('/outbox', query(OutboxQuery), async (c) => {
  const { to, limit } = c.req.valid('query');
  return c.json({ messages: await outboxOf(c.env).list(to ?? null, limit ?? 100) });
});

dev.delete('/outbox', async (c) => {
  await outboxOf(c.env).clear();
  return c.body(null, 204);
});
