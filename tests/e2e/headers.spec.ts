import { expect, test } from '@playwright/test';

// What the server sends for the app's files, as a browser or a cache sees it (wrangler dev runs
// the real asset routing from wrangler.toml: the worker first only for the API and the pages).

const IMMUTABLE = 'public, max-age=31536000, immutable';

async function appScript(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const html = await (await request.get('/')).text();
  const src = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(src, 'index.html names its script').toBeDefined();
  return src as string;
}

test('the app page carries the security headers and is revalidated, not kept', async ({ request }) => {
  for (const path of ['/', '/index.html', '/settings/account']) {
    const res = await request.get(path, { headers: { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } });
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/html/);
    expect(res.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(res.headers()['cache-control'] ?? '').not.toContain('immutable');
  }
});

test('hashed files are kept for a year, with their type and the security headers', async ({ request }) => {
  const script = await appScript(request);
  const res = await request.get(script);
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe(IMMUTABLE);
  expect(res.headers()['content-type']).toMatch(/^(text|application)\/javascript/);
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(res.headers()['content-security-policy']).toContain("default-src 'self'");
});

test('the service worker and the manifest are revalidated on every load', async ({ request }) => {
  for (const path of ['/sw.js', '/manifest.webmanifest']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['cache-control'] ?? '', path).not.toContain('immutable');
    expect(res.headers()['x-content-type-options'], path).toBe('nosniff');
  }
  expect((await request.get('/sw.js')).headers()['content-security-policy']).toContain("default-src 'self'");
});

test('a missing file is a 404, not the app page', async ({ request }) => {
  for (const path of ['/assets/index-0000old.js', '/assets/gone.css', '/icons/none.png', '/nothing.txt']) {
    const res = await request.get(path, { headers: { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' } });
    expect(res.status(), path).toBe(404);
    expect(await res.text(), path).not.toContain('<html');
  }
  // Build bookkeeping is never served.
  expect((await request.get('/_headers')).headers()['content-type'] ?? '').not.toMatch(/^text\/plain/);
});

test('robots.txt is a real robots file', async ({ request }) => {
  const res = await request.get('/robots.txt');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/plain/);
  const body = await res.text();
  expect(body).toMatch(/^User-agent: \*$/m);
  expect(body).toMatch(/^Disallow: \/$/m);
});

test('API answers are never cached', async ({ request }) => {
  const res = await request.get('/api/v1/health');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe('no-store');
});

test('the page, its scripts and the service worker get Trusted Types, no plugins and the permissions policy', async ({
  request,
}) => {
  // What wrangler dev really sends, for the page (the worker) and for files (the _headers rules).
  for (const path of ['/', await appScript(request), '/sw.js']) {
    const headers = (await request.get(path)).headers();
    const csp = (headers['content-security-policy'] ?? '').split(/;\s*/);
    expect(csp, path).toEqual(
      expect.arrayContaining(["object-src 'none'", "require-trusted-types-for 'script'", 'trusted-types default']),
    );
    const policy = headers['permissions-policy'] ?? '';
    expect(policy, path).toMatch(/(^|, )camera=\(self\)(,|$)/);
    expect(policy, path).toMatch(/(^|, )display-capture=\(self\)(,|$)/);
    expect(policy, path).toMatch(/(^|, )microphone=\(\)(,|$)/);
    expect(headers['cross-origin-opener-policy'], path).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy'], path).toBeUndefined();
  }
});
