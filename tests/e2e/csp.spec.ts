import { expect, test } from '@playwright/test';
import { COUNTER, GITHUB } from './fixtures/otps.ts';
import { expectServedPolicy, watchCspViolations } from './fixtures/csp.ts';
import { createVault, PASSWORD, seedRecords, unlock } from './fixtures/vault.ts';

// Walks every screen under the Content-Security-Policy the worker sends, Trusted Types included:
// no inline script or style attribute may be needed anywhere, and no string may reach an HTML or
// script sink except through the app's one policy (web/src/trusted-types.ts).

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
  // The restore drill opens the automatic backup in the transfer worker.
  await expect(page.locator('#automatic-backups')).toContainText('Last backup', { timeout: 60_000 });
  await page.goto('/#/drill');
  await page.getByLabel('Password the backup opens with').fill(PASSWORD);
  await page.getByRole('button', { name: 'Test the backup' }).click();
  await expect(page.locator('.drill-result').getByRole('heading', { name: /codes? open$/ })).toBeVisible({
    timeout: 60_000,
  });
  await page.goto('/#/add');
  await expect(page.getByRole('heading', { name: 'Add a code' })).toBeVisible();
  expect(violations).toEqual([]);
});

test("every other screen, and the service worker's registration, run under Trusted Types", async ({ browser }) => {
  // Service workers allowed here: workbox-window registers sw.js through a script-URL sink.
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  await expectServedPolicy(page);
  const violations = await watchCspViolations(page);
  await createVault(page);
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'), {
      timeout: 20_000,
    })
    .toBe('activated');
  await seedRecords(page, [
    { otp: GITHUB, title: 'GitHub', password: 'pw-long-enough' },
    { title: 'Old Forum', password: 'forum-pass-1' },
  ]);
  await page.reload();
  await unlock(page);
  await page.getByRole('button', { name: 'All items' }).click();
  // A record, then Recently deleted.
  await page.locator('.row', { hasText: 'Old Forum' }).getByRole('button', { name: 'Details of Old Forum' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  // The app writes the delete, goes back to the list, then shows the toast: navigating before
  // the toast raced that navigation and landed on the list instead of Recently deleted.
  await expect(page.getByText('Deleted “Old Forum”')).toBeVisible();
  await page.goto('/#/deleted');
  await expect(page.getByRole('button', { name: 'Restore Old Forum' })).toBeVisible();
  // Every way to add a code (the camera and screen panels load their chunks without a device).
  await page.goto('/#/add');
  for (const tab of ['Camera', 'Image', 'Screen', 'Setup key', 'Link']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
  }
  // Import / export, Account & sync, two-factor sign-in (without sync it says how to start).
  await page.goto('/#/transfer');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto('/#/account');
  await expect(page.getByRole('button', { name: 'Send a code' })).toBeVisible();
  await page.goto('/#/twofa');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { name: 'Security' })).toBeVisible();
  // Locking and unlocking again builds the gate's templates anew.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page);
  expect(violations).toEqual([]);
  await context.close();
});
