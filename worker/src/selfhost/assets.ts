import { WorkerEntrypoint } from 'cloudflare:workers';
import { assetHeadersFor } from '../http/asset-headers.ts';

/**
 * @module The assets binding of the self-hosted server (docs/selfhost.md): what Cloudflare's asset
 * storage does for a deployment, over workerd's disk service holding web/dist. It answers a built
 * file with its content type and the headers of http/asset-headers.ts, and anything else 404; the
 * worker's own fallback (http/app-files.ts) turns a missing page into index.html, as on Cloudflare.
 */

interface FilesEnv {
  // workerd's disk service over web/dist (read-only).
  FILES: Fetcher;
}

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  webmanifest: 'application/manifest+json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  wasm: 'application/wasm',
  txt: 'text/plain; charset=utf-8',
  woff2: 'font/woff2',
  map: 'application/json',
};

// A file the build wrote with a known type; `_headers` (Cloudflare's configuration) and other
// names are not served, nor is anything outside web/dist.
function fileType(pathname: string): string | undefined {
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  if (last.startsWith('_') || last.startsWith('.') || pathname.includes('/.') || pathname.includes('..'))
    return undefined;
  const dot = last.lastIndexOf('.');
  return dot <= 0 ? undefined : TYPES[last.slice(dot + 1).toLowerCase()];
}

function notFound(): Response {
  return new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export class SelfhostAssets extends WorkerEntrypoint<FilesEnv> {
  override async fetch(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    const url = new URL(request.url);
    const pathname = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
    const type = fileType(pathname);
    if (type === undefined) return notFound();
    const file = await this.env.FILES.fetch(new URL(pathname, url.origin), { method: 'GET' });
    if (!file.ok) {
      await file.body?.cancel();
      return notFound();
    }
    const headers = new Headers(assetHeadersFor(pathname));
    headers.set('content-type', type);
    if (!headers.has('cache-control')) headers.set('cache-control', 'no-cache');
    const length = file.headers.get('content-length');
    if (length !== null) headers.set('content-length', length);
    if (request.method === 'HEAD') {
      await file.body?.cancel();
      return new Response(null, { headers });
    }
    return new Response(file.body, { headers });
  }
}
