import { Hono } from 'hono';
import type { AppEnv } from './env.ts';
import { ApiError, errorResponse, onError } from './http/errors.ts';
import { securityHeaders } from './http/headers.ts';
import { answerOtherMethods } from './http/methods.ts';
import { account } from './routes/account.ts';
import { auth } from './routes/auth.ts';
import { dev } from './routes/dev.ts';
import { sessions } from './routes/sessions.ts';
import { signInFactor } from './routes/signin-factor.ts';
import { twofa } from './routes/twofa.ts';
import { vault } from './routes/vault.ts';

// One origin: the API under /api/v1 and the built PWA for every other path. wrangler.toml runs
// this worker first for every request (not only /api/*), so the security headers reach the
// app's pages and assets too.
export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', securityHeaders);

  const api = new Hono<AppEnv>();
  api.get('/health', (c) => c.json({ ok: true, time: Date.now() }));
  api.route('/auth', auth);
  api.route('/auth/signin', signInFactor);
  api.route('/sessions', sessions);
  api.route('/account', account);
  api.route('/twofa', twofa);
  api.route('/vault', vault);
  api.route('/dev', dev);
  app.route('/api/v1', api);

  answerOtherMethods(app);
  app.all('/api/*', (c) => {
    throw new ApiError('not-found', `No route ${new URL(c.req.url).pathname}`);
  });
  // Everything else is the PWA; the assets binding answers unknown paths with index.html.
  app.all('*', (c) => c.env.ASSETS.fetch(c.req.raw));

  app.notFound((c) => errorResponse('not-found', `No route ${new URL(c.req.url).pathname}`));
  app.onError(onError);
  return app;
}
