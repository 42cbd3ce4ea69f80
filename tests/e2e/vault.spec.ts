import { expect, test } from '@playwright/test';
import { createVault, PASSWORD, readStore, understand, unlock } from './fixtures/vault.ts';

test.describe('vault', () => {
  test('create, lock and unlock', async ({ page }) => {
    await createVault(page);
    await expect(page.getByRole('heading', { name: 'No codes yet' })).toBeVisible();
    const [meta] = await readStore<{ kdf: { memoryKiB: number; iterations: number }; wrappedVaultKey: number[] }>(
      page,
      'meta',
    );
    expect(meta?.kdf.memoryKiB).toBeGreaterThanOrEqual(64 * 1024);
    expect(meta?.wrappedVaultKey.length).toBe(1 + 24 + 32 + 16);

    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Unlock Tessera' })).toBeVisible();
    await unlock(page);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Unlock Tessera' })).toBeVisible();
    await unlock(page);
  });

  test('refuses a mismatched confirmation and a weak password', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Master password', { exact: true }).fill('password1');
    await page.getByLabel('Confirm master password').fill('password1');
    await understand(page);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByRole('alert').first()).toContainText(
      'This password is very weak; it must be at least fair to protect this vault.',
    );
    await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByText('The two passwords do not match.').first()).toBeVisible();
  });

  test('a wrong password gets a clear message and the vault stays locked', async ({ page }) => {
    await createVault(page);
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByLabel('Master password').fill('not the password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toHaveText(/Wrong master password/);
    await expect(page.getByLabel('Master password')).toBeFocused();
    await unlock(page);
  });

  test('locks itself after the idle time and says why', async ({ page }) => {
    await page.clock.install();
    await createVault(page);
    await page.clock.fastForward('05:10');
    await expect(page.getByRole('heading', { name: 'Unlock Tessera' })).toBeVisible();
    await expect(page.getByText('Locked after 5 minutes without activity.')).toBeVisible();
  });

  test('locks after being hidden for the chosen time; settings persist', async ({ page }) => {
    await page.clock.install();
    await createVault(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Lock when in the background for').selectOption({ label: '2 minutes' });
    await page.getByLabel('Lock after inactivity').selectOption({ label: 'Never' });
    await page.reload();
    await unlock(page);
    await page.goto('/#/settings');
    await expect(page.getByLabel('Lock when in the background for')).toHaveValue('2');
    await expect(page.getByLabel('Lock after inactivity')).toHaveValue('0');

    const setHidden = (hidden: boolean) =>
      page.evaluate((value) => {
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => (value ? 'hidden' : 'visible'),
        });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await page.clock.fastForward('01:00');
    await setHidden(false);
    await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
    await setHidden(true);
    await page.clock.fastForward('02:05');
    await setHidden(false);
    await expect(page.getByText('Locked after 2 minutes in the background.')).toBeVisible();
    // Never by idle: an hour without input keeps it open.
    await unlock(page);
    await page.clock.fastForward('01:00:00');
    await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
  });
});
