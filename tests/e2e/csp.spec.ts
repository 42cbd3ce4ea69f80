import { expect, test } from '@playwright/test';
import { COUNTER, GITHUB } from './fixtures/otps.ts';
import { expectServedPolicy, watchCspViolations } from './fixtures/csp.ts';
import { createVault, seedRecords, unlock } from './fixtures/vault.ts';

// Walks the main screens under the Content-Security-Policy the worker sends: no inline script
// or style attribute may be needed anywhere.

test.use({ serviceWorkers: 'block' });

test('every main screen runs under the production Content-Security-Policy', async ({ page }) => {
  await expectServedPolicy(page);
  const violations = await watchCspViolations(page);

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
