import { AxeBuilder } from './fixtures/axe.ts';
import { expect, test, type Page } from '@playwright/test';
import { BANK, COUNTER, GITHUB, STEAM } from './fixtures/otps.ts';
import { createVault, seedRecords, unlock } from './fixtures/vault.ts';

// axe-core on every main screen in both themes: no serious or critical violation.
async function expectNoSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  ).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`main screens have no serious accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
    await expectNoSeriousViolations(page, 'first run');
    await createVault(page);
    await seedRecords(page, [
      { otp: GITHUB, tags: ['work'], username: 'ada', password: 'pw-1234-long' },
      { otp: BANK },
      { otp: COUNTER },
      { otp: STEAM, favourite: true },
    ]);
    await page.reload();
    await expectNoSeriousViolations(page, 'unlock');
    await unlock(page);
    await expect(page.locator('.row-code').first()).toBeVisible();
    await expectNoSeriousViolations(page, 'codes');
    await page.locator('.row', { hasText: 'GitHub' }).getByRole('button', { name: 'Details of GitHub' }).click();
    await expectNoSeriousViolations(page, 'record');
    await page.getByRole('button', { name: 'Edit' }).click();
    await expectNoSeriousViolations(page, 'editor');
    await page.goto('/#/settings');
    await expectNoSeriousViolations(page, 'settings');
    await page.goto('/#/deleted');
    await expectNoSeriousViolations(page, 'recently deleted');
  });
}
