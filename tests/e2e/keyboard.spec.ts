import { AxeBuilder } from './fixtures/axe.ts';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { otpCode } from '@tessera/core/otp/code';
import { BANK, FROZEN_MS, GITHUB, STEAM } from './fixtures/otps.ts';
import { createVault, seedRecords, unlock } from './fixtures/vault.ts';

// Keyboard use on a desktop (issue 21): "/" searches, the arrows move between rows and cards,
// Enter copies, Esc clears the search or closes the open record, "?" opens a help sheet that
// lists the keys; keys typed into a field stay in the field.
const SHOTS = '/tmp/tessera-shots/keyboard/';
mkdirSync(SHOTS, { recursive: true });

async function seeded(page: Page) {
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
  await seedRecords(page, [{ otp: GITHUB }, { otp: BANK }, { otp: STEAM }, { title: 'Wiki login', username: 'ada' }]);
  await page.reload();
  await unlock(page);
  await expect(page.locator('.row-code').first()).toBeVisible();
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
}

async function expectNoSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

const focusedRowName = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('.row')?.querySelector('.row-name')?.textContent ?? null);

test('search, move, copy, close and help from the keyboard alone', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1280, height: 800 });
  await seeded(page);
  const search = page.getByRole('searchbox');

  // "/" searches; Esc clears the search.
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await page.keyboard.type('bank');
  await expect(page.locator('.row')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');

  // A "?" typed into the field is text, not the help.
  await page.keyboard.type('?');
  await expect(search).toHaveValue('?');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Down into the cards (three across at this width), across, and back up to the search.
  await page.keyboard.press('ArrowDown');
  expect(await focusedRowName(page)).toBe('Example Bank');
  await page.keyboard.press('ArrowRight');
  expect(await focusedRowName(page)).toBe('GitHub');
  await page.keyboard.press('ArrowRight');
  expect(await focusedRowName(page)).toBe('Steam');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  await expect(search).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');

  // Enter copies the selected row's code.
  await page.keyboard.press('Enter');
  await expect(page.locator('.toast')).toContainText('Code copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(otpCode(GITHUB, FROZEN_MS).code);

  // A record opened, Esc closes it and the focus is back on its row.
  await page.locator('.row', { hasText: 'GitHub' }).getByRole('button', { name: 'Details of GitHub' }).click();
  await expect(page.getByRole('heading', { name: 'GitHub', level: 1 })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'GitHub', level: 1 })).toHaveCount(0);
  expect(await page.evaluate(() => location.hash)).toBe('#/');
  await expect.poll(() => focusedRowName(page)).toBe('GitHub');

  // "?" opens the help sheet as a modal dialog; Esc closes it and the focus comes back.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  for (const what of ['Move between codes', 'Copy the code of the selected row', 'Clear the search', 'This list'])
    await expect(help.getByText(what, { exact: false })).toBeVisible();
  await expectNoSeriousViolations(page, 'keyboard help');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect.poll(() => focusedRowName(page)).toBe('GitHub');
  // Esc with the help closed and nothing open does nothing more.
  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => location.hash)).toBe('#/');
});

test('Esc leaves a form alone; Settings offers the help too', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await seeded(page);
  await page.locator('.row', { hasText: 'GitHub' }).getByRole('button', { name: 'Details of GitHub' }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  const field = page.locator('.detail-pane input[type="text"]').first();
  await field.fill('typed, not saved');
  await page.keyboard.press('Escape');
  await field.blur();
  await page.keyboard.press('Escape');
  await expect(field).toHaveValue('typed, not saved');
  expect(await page.evaluate(() => location.hash)).toMatch(/\/edit$/);

  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeFocused();
  // Esc in Settings (nothing typed there) goes back to the list.
  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => location.hash)).toBe('#/');
});

for (const size of [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`keyboard help, ${size.name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize(size.viewport);
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await seeded(page);
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await expectNoSeriousViolations(page, `keyboard help ${size.name} ${scheme}`);
      await page.screenshot({ path: `${SHOTS}help-${size.name}-${scheme}.png` });
    });
  }
}
