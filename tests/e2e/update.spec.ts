import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createVault, unlock } from './fixtures/vault.ts';

// Service workers are on in this file, though the suite blocks them by default: a new service
// worker is the update.
test.use({ serviceWorkers: 'allow' });

// A new deployment: the service worker script changes. The app must say so and reload only
// when asked (registerType 'prompt'). Playwright cannot route the browser's own fetch of a
// service worker script, so the test changes the served sw.js on disk (wrangler dev serves the
// new bytes at once) and puts it back afterwards.
const served = process.env.E2E_ASSETS ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
test('a new version is announced and installed on Reload', async ({ page }) => {
  await createVault(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  const file = `${served}/sw.js`;
  const original = readFileSync(file, 'utf8');
  try {
    writeFileSync(file, `${original}\n// next release\n`);
    await expect
      .poll(async () => (await (await page.request.get('/sw.js')).text()).endsWith('// next release\n'))
      .toBe(true);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const prompt = page.getByRole('alert').filter({ hasText: 'A new version of Tessera is available.' });
    await expect(prompt).toBeVisible({ timeout: 20_000 });
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByRole('heading', { name: 'Unlock Tessera' })).toBeVisible({ timeout: 20_000 });
    await expect(prompt).toHaveCount(0);
    await unlock(page);
  } finally {
    writeFileSync(file, original);
  }
});
