import { Hono } from 'hono';
import type { AppEnv } from './env.ts';
import { serveApp } from './http/app-files.ts';
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
// this worker first for the API and the app's pages (so the security headers come from here);
// the other files are served straight from the assets with the rules in http/asset-headers.ts,
// and reach the worker only when missing.
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
  app.all('*', serveApp);

  app.notFound((c) => errorResponse('not-found', `No route ${new URL(c.req.url).pathname}`));
  app.onError(onError);
  return app;
}
