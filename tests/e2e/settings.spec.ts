import { AxeBuilder } from './fixtures/axe.ts';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createVault, PASSWORD, unlock } from './fixtures/vault.ts';
import { NEW_PASSWORD, newDevice, signUp, uniqueEmail } from './sync-helpers.ts';

// Settings as a new user meets it (issue 21, finding 5): a gear that reads as settings, the
// master password changeable for a vault that never syncs, two-factor sign-in only where the
// sync account is, and a theme choice that holds from the first paint.
const SHOTS = '/tmp/tessera-shots/settings/';
mkdirSync(SHOTS, { recursive: true });

async function expectNoSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

const group = (page: Page, heading: string) =>
  page.locator('.settings-group').filter({ has: page.getByRole('heading', { name: heading, level: 2 }) });

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const DARK_BG = 'rgb(14, 17, 23)';
const LIGHT_BG = 'rgb(246, 247, 249)';

test('the settings button is a cog, not a sun', async ({ page }) => {
  await createVault(page);
  // The old icon was a circle with eight separate rays (nine subpaths); a cog is one toothed
  // outline around a hub.
  const path = page.getByRole('button', { name: 'Settings' }).locator('svg path');
  const subpaths = (await path.getAttribute('d'))?.match(/M/g)?.length;
  expect(subpaths).toBe(2);
});

test('a vault without sync changes its master password in Settings; no two-factor before an account', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await createVault(page);
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeAttached();
  // Two-factor sign-in protects a sync account: with none there is nothing to turn on.
  await expect(page.getByRole('button', { name: 'Two-factor authentication' })).toHaveCount(0);
  await expect(group(page, 'Account & sync').getByRole('button', { name: 'Turn on sync…' })).toBeVisible();

  const master = group(page, 'Master password');
  await master.getByRole('button', { name: 'Change master password…' }).click();
  await master.getByLabel('Current master password', { exact: true }).fill(PASSWORD);
  await master.getByLabel('New master password', { exact: true }).fill(NEW_PASSWORD);
  await master.getByLabel('Confirm new master password', { exact: true }).fill(NEW_PASSWORD);
  await master.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('.toast')).toContainText('Password changed.', { timeout: 60_000 });

  // The vault now opens with the new password only.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText(/Wrong master password/)).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Master password').fill('');
  await unlock(page, NEW_PASSWORD);
});

test('two-factor sign-in sits under Account & sync once the vault syncs', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const { context, page } = await newDevice(browser);
  await signUp(request, page, uniqueEmail('settings-twofa'));
  await page.goto('/#/settings');
  await expect(group(page, 'Security').getByRole('button', { name: 'Two-factor authentication' })).toHaveCount(0);
  await group(page, 'Account & sync').getByRole('button', { name: 'Two-factor authentication' }).click();
  await expect(page.getByRole('heading', { name: 'Two-factor authentication', level: 1 })).toBeAttached();
  await expect(page.getByTestId('twofa-summary')).toBeVisible();
  // The account screen leads there too, and Settings still changes a synced vault's password.
  await page.goto('/#/account');
  await expect(page.getByRole('button', { name: 'Two-factor authentication' })).toBeVisible();
  await page.goto('/#/settings');
  await expect(group(page, 'Master password').getByRole('button', { name: 'Change master password…' })).toBeVisible();
  await context.close();
});

test('the chosen theme holds against the system setting, from the first paint, on this device', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await createVault(page);
  await page.goto('/#/settings');
  const theme = page.getByRole('group', { name: 'Theme' });
  await expect(theme.getByRole('radio', { name: 'System' })).toBeChecked();
  expect(await background(page)).toBe(LIGHT_BG);

  await theme.getByRole('radio', { name: 'Dark' }).check();
  await expect.poll(() => background(page)).toBe(DARK_BG);
  await expectNoSeriousViolations(page, 'settings, dark chosen under a light system');

  // Before the app's code runs at all (its scripts refused here), the page is already dark:
  // no light flash while the vault opens.
  await page.route(/\/assets\/.*\.js$/, (route) => route.abort());
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await background(page)).toBe(DARK_BG);
  await page.unroute(/\/assets\/.*\.js$/);

  // Kept on the device: the next visit opens dark, the choice shown as made.
  await page.reload();
  await unlock(page);
  await page.goto('/#/settings');
  await expect(theme.getByRole('radio', { name: 'Dark' })).toBeChecked();
  expect(await background(page)).toBe(DARK_BG);

  await theme.getByRole('radio', { name: 'Light' }).check();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => background(page)).toBe(LIGHT_BG);
  await expectNoSeriousViolations(page, 'settings, light chosen under a dark system');

  // System again: the page follows the system once more.
  await theme.getByRole('radio', { name: 'System' }).check();
  await expect.poll(() => background(page)).toBe(DARK_BG);
  expect(await page.evaluate(() => localStorage.getItem('tessera.theme'))).toBeNull();
});

for (const size of [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`settings screen, ${size.name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize(size.viewport);
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await createVault(page);
      await page.goto('/#/settings');
      await expect(page.getByRole('group', { name: 'Theme' })).toBeVisible();
      await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
      await expectNoSeriousViolations(page, `settings ${size.name} ${scheme}`);
      await page.screenshot({ path: `${SHOTS}settings-${size.name}-${scheme}.png`, fullPage: true });
      await group(page, 'Appearance').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}appearance-${size.name}-${scheme}.png` });
    });
  }
}
