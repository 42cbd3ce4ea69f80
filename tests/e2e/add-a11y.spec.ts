import { AxeBuilder } from './fixtures/axe.ts';
import { expect, test, type Page } from '@playwright/test';
import { formatMigrationUris } from '@tessera/core/otp/migration';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { FROZEN_MS, GITHUB } from './fixtures/otps.ts';
import { createVault, seedRecords, unlock } from './fixtures/vault.ts';
import { openAdd } from './fixtures/add/flow.ts';

// The add flow for keyboard and screen-reader users: an axe scan of every step (no serious or
// critical violation), and the chooser of ways driven with the arrow keys.

async function expectAccessible(page: Page, step: string) {
  const result = await new AxeBuilder({ page }).include('.add-otp').analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${step}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('every step passes an axe scan, in light and dark', async ({ page }) => {
  // Two key derivations and a dozen axe scans: more than the default budget under load.
  test.slow();
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
  await seedRecords(page, [
    { title: 'GitHub', url: 'https://github.com/', username: 'ada@example.com' },
    { title: 'Library', username: 'ada' },
  ]);
  await page.reload();
  await unlock(page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const flow = await openAdd(page, 'Image');
    await expectAccessible(page, `${scheme} image`);
    await flow.getByRole('tab', { name: 'Screen' }).click();
    await expectAccessible(page, `${scheme} screen`);
    await flow.getByRole('tab', { name: 'Setup key' }).click();
    await flow.getByRole('textbox', { name: 'Setup key' }).fill('JBSW 0');
    await flow.getByText('Advanced').click();
    await expectAccessible(page, `${scheme} setup key with an error`);
    await flow.getByRole('tab', { name: 'Link' }).click();
    await flow.getByRole('textbox', { name: 'Link' }).fill('otpauth://totp/x?issuer=x');
    await flow.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, `${scheme} link with an error`);
    const [first, second] = formatMigrationUris(
      Array.from({ length: 11 }, (_, i) => ({ ...GITHUB, issuer: `Site ${i}` })),
      { batchId: 3 },
    );
    await flow.getByRole('textbox', { name: 'Link' }).fill(first!);
    await flow.getByRole('button', { name: 'Continue' }).click();
    await expectAccessible(page, `${scheme} export half scanned`);
    await flow.getByRole('textbox', { name: 'Link' }).fill(second!);
    await flow.getByRole('button', { name: 'Continue' }).click();
    await expect(flow.getByRole('heading', { name: 'Import 11 accounts' })).toBeVisible();
    await expectAccessible(page, `${scheme} export review`);
    await flow.getByRole('button', { name: 'Back', exact: true }).click();
    // One link is checked on the Link tab itself.
    await flow.getByRole('textbox', { name: 'Link' }).fill(formatOtpUri(GITHUB));
    await flow.getByRole('button', { name: 'Add to another record…' }).click();
    await expectAccessible(page, `${scheme} review`);
    // Several links at once: the import review, with a line that cannot be read.
    await flow
      .getByRole('textbox', { name: 'Link' })
      .fill(`${formatOtpUri(GITHUB)}\n${formatOtpUri({ ...GITHUB, issuer: 'Other' })}\nnot a link`);
    await flow.getByRole('button', { name: 'Continue' }).click();
    await expect(flow.getByRole('heading', { name: 'Review the import' })).toBeVisible();
    await expectAccessible(page, `${scheme} links review`);
    await flow.getByRole('button', { name: 'Back', exact: true }).click();
    await flow.getByRole('button', { name: 'Cancel' }).click();
  }
});

test('the chooser of ways works from the keyboard', async ({ page }) => {
  await createVault(page);
  const flow = await openAdd(page, 'Image');
  const tab = (name: string) => flow.getByRole('tab', { name });
  await tab('Image').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Screen')).toBeFocused();
  await expect(tab('Screen')).toHaveAttribute('aria-selected', 'true');
  await expect(flow.getByRole('tabpanel', { name: 'Screen' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(tab('Link')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Camera')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Link')).toHaveAttribute('aria-selected', 'true');
  // Only the selected tab is in the tab order; Tab moves into the panel.
  await page.keyboard.press('Tab');
  await expect(flow.getByRole('textbox', { name: 'Link' })).toBeFocused();
  await page.keyboard.type(formatOtpUri(GITHUB));
  // The link is checked as it is typed; Tab goes on to its names, Enter saves.
  await expect(flow.getByRole('heading', { name: 'Check and save' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(flow.getByRole('textbox', { name: 'Issuer' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.row-name', { hasText: 'GitHub' })).toBeVisible();
});
