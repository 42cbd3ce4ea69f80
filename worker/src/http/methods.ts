import type { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { ApiError } from './errors.ts';

// Hono answers a known path called with another method as "not found"; clients deserve 405 with
// an Allow header. Called once every route is registered: each path then gets a last handler
// that only runs when none of its own methods matched.
export function answerOtherMethods(app: Hono<AppEnv>): void {
  const allowed = new Map<string, Set<string>>();
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    const methods = allowed.get(route.path) ?? new Set<string>();
    methods.add(route.method);
    if (route.method === 'GET') methods.add('HEAD');
    allowed.set(route.path, methods);
  }
  for (const [path, methods] of allowed) {
    const allow = [...methods].sort();
    app.all(path, (c) => {
      throw new ApiError('method-not-allowed', `${c.req.method} is not allowed here; use ${allow.join(' or ')}`, {
        allow,
      });
    });
  }
}
