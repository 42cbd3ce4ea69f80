import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { startDevServer, type DevServer } from '../../worker/bench/server.ts';
import { readStore } from './fixtures/vault.ts';
import { addRecord, row, serverVault, settled, signUp, uniqueEmail } from './sync-helpers.ts';

// The worker killed in the middle of a push batch (docs/web-sync.md, "Faults"). This file runs
// its own wrangler dev, not the suite's, because it kills it: SIGKILL to the whole process group
// after the batch reached the Durable Object and before its answer reached the page, then a
// start on the same state. The page must retry, and the server must end with every record once.
test.describe.configure({ timeout: 240_000 });

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let server: DevServer;
test.beforeAll(async () => {
  server = await startDevServer(await freePort());
});
test.afterAll(async () => {
  await server?.stop();
});

test('the worker killed with a push batch applied but unanswered: the page retries, nothing lost or doubled', async ({
  browser,
  playwright,
}) => {
  const request = await playwright.request.newContext({ baseURL: server.origin });
  const context = await browser.newContext({ baseURL: server.origin });
  const page = await context.newPage();
  await signUp(request, page, uniqueEmail('restart'));

  // Three records made offline go up together, in one batch, when the device is back online.
  await context.setOffline(true);
  const titles = ['Harbour Mail', 'Quay Bank', 'Lantern Cloud'];
  for (const title of titles)
    await addRecord(page, { title, username: `ada@${title.split(' ')[0]!.toLowerCase()}.example` });

  let killed = false;
  const batches: number[] = [];
  await context.route('**/api/v1/vault/changes', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    batches.push((route.request().postDataJSON() as { changes: unknown[] }).changes.length);
    if (killed) return route.continue();
    killed = true;
    // The batch reaches the worker and is applied; the worker dies before the page hears back.
    const applied = await route.fetch();
    expect(applied.status()).toBe(200);
    await server.restart();
    await route.abort('connectionreset');
  });
  await context.setOffline(false);

  await settled({ context, page });
  expect(killed).toBe(true);
  expect(batches[0]).toBe(3);

  // Each record once, written once (seq 3): the retried batch did not write again.
  const held = await serverVault(request, page);
  expect(new Set(held.ids).size).toBe(3);
  expect(held).toEqual({ ids: [expect.any(String), expect.any(String), expect.any(String)], seq: 3 });
  expect((await readStore<{ dirty: number }>(page, 'records')).map((r) => r.dirty)).toEqual([0, 0, 0]);
  await page.goto('/#/');
  for (const title of titles) await expect(row(page, title)).toHaveCount(1);
  await context.close();
  await request.dispose();
});
