import { expect, test } from '@playwright/test';
import { createVault, unlock } from './fixtures/vault.ts';

// The installed app's shortcuts and single window: the served manifest lists them, and each
// shortcut's URL opens its screen, in a running app and on a cold start behind the lock screen.

interface Manifest {
  launch_handler?: { client_mode?: string };
  shortcuts?: Array<{ name: string; url: string }>;
}

const flow = (page: import('@playwright/test').Page) => page.getByRole('region', { name: 'Add a code' });

test('the manifest has the three shortcuts and focuses the open window', async ({ request }) => {
  const manifest = (await (await request.get('/manifest.webmanifest')).json()) as Manifest;
  expect(manifest.launch_handler).toEqual({ client_mode: 'focus-existing' });
  expect(manifest.shortcuts?.map((s) => [s.name, s.url])).toEqual([
    ['Add a code', '/#/add'],
    ['Scan a QR code', '/#/add/camera'],
    ['Search', '/#/search'],
  ]);
});

test('each shortcut URL opens its screen', async ({ page }) => {
  test.slow();
  await createVault(page);
  const search = page.getByRole('searchbox', { name: 'Search codes and logins' });
  await page.goto('/#/search');
  await expect(search).toBeFocused();
  await expect(page).toHaveURL(/#\/$/);

  await page.goto('/#/add');
  await expect(flow(page).getByRole('tab', { name: 'Image' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('link', { name: 'Tessera, all codes' }).click();

  await page.goto('/#/add/camera');
  await expect(flow(page).getByRole('tab', { name: 'Camera' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/#\/add$/);

  // A cold start on the shortcut's URL: the request survives the lock screen.
  await page.goto('about:blank');
  await page.goto('/#/add/camera');
  await unlock(page);
  await expect(flow(page).getByRole('tab', { name: 'Camera' })).toHaveAttribute('aria-selected', 'true');
});
