import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

// The last path segment has an extension other than .html: a file (script, style, image), never
// one of the app's pages.
export function namesFile(pathname: string): boolean {
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return last.includes('.') && !last.endsWith('.html');
}

// Everything outside /api is the PWA. A file is itself or the assets binding's 404: a script tag
// that asked for /assets/old-1234.js and got the app's HTML would fail in a confusing way, and a
// cache would keep that HTML under the script's name. Any other path is one of the app's pages,
// so a page the binding does not have is the app's entry, index.html (the single-page-application
// fallback, done here because the platform's own applies to missing files too).
export async function serveApp(c: Context<AppEnv>): Promise<Response> {
  const response = await c.env.ASSETS.fetch(c.req.raw);
  if (response.status !== 404 || namesFile(new URL(c.req.url).pathname)) return response;
  await response.body?.cancel();
  return c.env.ASSETS.fetch(new Request(new URL('/', c.req.url), c.req.raw));
}
