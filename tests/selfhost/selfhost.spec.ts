import { request as httpRequest } from 'node:http';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { addRecord, expectSynced, pair, row, settled, settledPast, uniqueEmail } from '../e2e/sync-helpers.ts';

// Smoke tests of `npm run selfhost` (playwright.selfhost.config.ts starts it): the app, an
// account and a sync between two devices, the headers, and the client address the rate limits
// see, all on standalone workerd.

const PORT = Number(process.env.SELFHOST_PORT ?? 8794);

test('the app loads, two devices sync through the self-hosted server, and accounts are on disk', async ({
  browser,
  request,
}) => {
  const { a, b } = await pair(browser, request, uniqueEmail('selfhost'));
  const before = await settled(a, b);
  await addRecord(a.page, { title: 'Harbour Mail', username: 'ada@harbour.example', password: 'quay-signal-9' });
  await settledPast(before, a, b);
  await expect(row(b.page, 'Harbour Mail')).toHaveCount(1);
  await expectSynced(b.page);
  const data = process.env.SELFHOST_DATA as string;
  const accounts = join(data, 'objects', 'tessera-AccountStore');
  expect(existsSync(accounts)).toBe(true);
  expect(readdirSync(accounts).some((name) => name.endsWith('.sqlite'))).toBe(true);
  expect(statSync(join(data, 'secrets.env')).mode & 0o777).toBe(0o600);
  await a.context.close();
  await b.context.close();
});

test('pages, files and the API come with the right types and headers', async ({ request }) => {
  const page = await request.get('/', { headers: { 'sec-fetch-mode': 'navigate' } });
  expect(page.status()).toBe(200);
  expect(page.headers()['content-type']).toBe('text/html; charset=utf-8');
  expect(page.headers()['content-security-policy']).toContain("default-src 'self'");
  expect(page.headers()['strict-transport-security']).toMatch(/^max-age=\d+/);
  const html = await page.text();
  expect((await request.get('/settings/account')).headers()['content-type']).toBe('text/html; charset=utf-8');

  const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] as string;
  const js = await request.get(script);
  expect(js.status()).toBe(200);
  expect(js.headers()['content-type']).toBe('text/javascript; charset=utf-8');
  expect(js.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(js.headers()['x-content-type-options']).toBe('nosniff');
  const css = /<link[^>]+href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1] as string;
  expect((await request.get(css)).headers()['content-type']).toBe('text/css; charset=utf-8');

  const types: Record<string, string> = {
    '/sw.js': 'text/javascript; charset=utf-8',
    '/manifest.webmanifest': 'application/manifest+json',
    '/favicon.svg': 'image/svg+xml',
    '/icons/icon-192.png': 'image/png',
    '/robots.txt': 'text/plain; charset=utf-8',
  };
  for (const [path, type] of Object.entries(types)) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-type'], path).toBe(type);
    expect(res.headers()['cache-control'], path).toBe('no-cache');
  }
  for (const path of ['/assets/index-0000old.js', '/icons/none.png', '/web/dist/index.html/../../package.json']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    expect(await res.text(), path).not.toContain('<html');
  }
  const api = await request.get('/api/v1/health');
  expect(api.headers()['cache-control']).toBe('no-store');
  expect(api.headers()['content-type']).toMatch(/^application\/json/);
});

// POST /api/v1/auth/register/start from a given loopback address, with a made-up forwarding header.
function registerFrom(localAddress: string, n: number): Promise<number> {
  const body = JSON.stringify({ email: `limit-${localAddress}-${n}-${Date.now()}@example.org` });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: PORT,
        localAddress,
        method: 'POST',
        path: '/api/v1/auth/register/start',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'cf-connecting-ip': `10.9.9.${n}`,
          'x-forwarded-for': `10.8.8.${n}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('the rate limits count the connection, not a header the client made up', async () => {
  // Ten sign-up mails an hour per address (docs/api.md, "Rate limits"), each request claiming
  // another address in CF-Connecting-IP and X-Forwarded-For.
  const statuses: number[] = [];
  for (let n = 1; n <= 11; n++) statuses.push(await registerFrom('127.0.0.3', n));
  expect(statuses).toEqual([...Array<number>(10).fill(202), 429]);
  // Another peer address is another client.
  expect(await registerFrom('127.0.0.4', 1)).toBe(202);
});
