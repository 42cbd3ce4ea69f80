import { expect, test } from '@playwright/test';
import { COUNTER, GITHUB } from './fixtures/otps.ts';
import { createVault, seedRecords, unlock } from './fixtures/vault.ts';

// The worker serves the app with this Content-Security-Policy. This spec adds it to every
// response itself (so it holds whatever the worker sends today) and walks the main screens:
// no inline script or style attribute may be needed anywhere.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; media-src 'self' blob: mediastream:; frame-ancestors 'none'";

test.use({ serviceWorkers: 'block' });

test('every main screen runs under the production Content-Security-Policy', async ({ page }) => {
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  const violations: string[] = [];
  page.on('console', (message) => { if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text()); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Refused to load: CSP ${event.violatedDirective} ${event.blockedURI}`));
  });

  await createVault(page);
  await seedRecords(page, [{ otp: GITHUB, title: 'GitHub', password: 'pw-long-enough' }, { otp: COUNTER }]);
  await page.reload();
  await unlock(page);
  await expect(page.locator('.row-code').first()).toBeVisible();
  await page.locator('.row', { hasText: 'GitHub' }).getByRole('button', { name: 'Details of GitHub' }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('button', { name: 'Generate a password' }).click();
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { name: 'Security' })).toBeVisible();
  await page.goto('/#/add');
  await expect(page.getByRole('heading', { name: 'Add a code' })).toBeVisible();
  expect(violations).toEqual([]);
});
