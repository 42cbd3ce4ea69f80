import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { ASSET_HEADER_RULES, assetHeadersFor, IMMUTABLE, renderHeadersFile } from '../src/http/asset-headers.ts';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../src/http/headers.ts';
import { ORIGIN } from './helpers.ts';

const APP_HTML = '<!doctype html><title>Tessera</title>';

// The platform's assets service as wrangler.toml configures it (no fallback): a known file is
// itself, anything else 404 (with immutable headers, as a fetch() response has).
const FILES: Record<string, string> = {
  '/': `data:text/html,${encodeURIComponent(APP_HTML)}`,
  '/assets/index-abc123.js': 'data:text/javascript,export{}',
};
const assets = {
  fetch: async (request: Request) => {
    const file = FILES[new URL(request.url).pathname];
    return file === undefined ? new Response('missing', { status: 404 }) : fetch(file);
  },
} as unknown as Fetcher;

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`, { headers }), { ...env, ASSETS: assets }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('app files through the worker', () => {
  it('answers a missing script, style or image with 404, not the app page', async () => {
    for (const path of [
      '/assets/index-old999.js',
      '/assets/x.css',
      '/icons/nope.png',
      '/robots.txt',
      '/a/b/c.webmanifest',
    ]) {
      const res = await get(path, { 'sec-fetch-mode': 'no-cors' });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('<title>Tessera</title>');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('serves the app page for every app route and a file that exists as itself', async () => {
    for (const path of ['/', '/settings/account', '/records/abc', '/index.html', '/v1.2/page']) {
      const res = await get(path, { 'sec-fetch-mode': 'navigate' });
      // '/v1.2/page' has a dot in a folder name, not in the last segment: still a page.
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain('<title>Tessera</title>');
    }
    const script = await get('/assets/index-abc123.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    await script.body?.cancel();
  });
});

describe('headers for files served without the worker', () => {
  it('keep hashed files for a year and the rest revalidated', () => {
    expect(assetHeadersFor('/assets/index-abc123.js')['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/robots.txt', '/icons/icon-192.png']) {
      expect(assetHeadersFor(path)['cache-control'], path).toBeUndefined();
    }
  });

  it('carry every security header, on every file', () => {
    for (const path of ['/sw.js', '/assets/qr.worker-abc.js', '/favicon.svg']) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(assetHeadersFor(path)[name], `${path} ${name}`).toBe(value);
    }
  });

  it('render as a Cloudflare _headers file, one block per rule', () => {
    const file = renderHeadersFile();
    const blocks = file
      .replace(/^#.*\n/, '')
      .trim()
      .split('\n\n');
    expect(blocks).toHaveLength(ASSET_HEADER_RULES.length);
    expect(blocks[1]).toBe('/assets/*\n  cache-control: public, max-age=31536000, immutable');
    expect(blocks[0]?.split('\n')[0]).toBe('/*');
    expect(blocks[0]).toContain(`  content-security-policy: ${CONTENT_SECURITY_POLICY}`);
    expect(blocks[0]).toContain('  x-content-type-options: nosniff');
  });
});
