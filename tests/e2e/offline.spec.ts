import { expect, test } from '@playwright/test';
import { otpCode } from '@tessera/core/otp/code';
import { FROZEN_MS, GITHUB } from './fixtures/otps.ts';
import { createVault, seedRecords, unlock } from './fixtures/vault.ts';

// Service workers are on in this file, though the suite blocks them by default: the app is reloaded
// offline from the service worker.
test.use({ serviceWorkers: 'allow' });

test('works offline: reload from the service worker, unlock and read codes', async ({ page, context }) => {
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
  await seedRecords(page, [{ otp: GITHUB }]);
  // The first visit installs and activates the worker (registerType 'prompt' does not claim
  // open pages), so the page is controlled from the next load on.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
    .toBe(true);

  await context.setOffline(true);
  await page.reload();
  await unlock(page);
  await expect(page.locator('.row-code').first()).toHaveAttribute('data-code', otpCode(GITHUB, FROZEN_MS).code);
  // Every precached asset, the Argon2 worker and the lazily loaded add/ flow included.
  await page.goto('/#/add');
  await expect(page.getByRole('heading', { name: 'Add a code' })).toBeVisible();
  await context.setOffline(false);
});

test('the manifest names the app and its icons are real PNGs', async ({ request }) => {
  const manifest = (await (await request.get('/manifest.webmanifest')).json()) as {
    name: string;
    short_name: string;
    display: string;
    start_url: string;
    theme_color: string;
    background_color: string;
    icons: { src: string; sizes: string; purpose: string }[];
  };
  expect(manifest).toMatchObject({ short_name: 'Tessera', display: 'standalone', start_url: '/' });
  expect(manifest.theme_color).toMatch(/^#/);
  expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual([
    '192x192 any',
    '192x192 maskable',
    '512x512 any',
    '512x512 maskable',
  ]);
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.headers()['content-type']).toContain('image/png');
    expect([...(await response.body()).subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  }
});
