import { AxeBuilder } from './fixtures/axe.ts';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { base32Decode } from '@tessera/core/otp/base32';
import { BANK, GITHUB, STEAM } from './fixtures/otps.ts';
import { createVault, seedRecords, unlock } from './fixtures/vault.ts';

// The list at desktop and phone sizes (issue 21, finding 4): a wide window with nothing open
// shows the codes as a grid of cards instead of a narrow list beside "Select an item"; the open
// record is marked in the list; names and accounts are shown whole where there is room (wrapped
// otherwise, with the whole text as a tooltip); tag chips that scroll sideways fade at the edge.
const SHOTS = '/tmp/tessera-shots/desktop/';
mkdirSync(SHOTS, { recursive: true });

const AWS = {
  ...GITHUB,
  secret: base32Decode('JBSWY3DPEHPK3PXQ'),
  issuer: 'Amazon Web Services',
  account: 'alice@example.com',
};
const TAGS = ['work', 'personal', 'finance', 'family', 'gaming', 'travel', 'shopping', 'school'];
const extra = ['Dropbox', 'Figma', 'Linear', 'Notion', 'Proton', 'Slack', 'Stripe'].map((issuer, i) => ({
  otp: { ...GITHUB, secret: base32Decode(`JBSWY3DPEHPK3PX${'ABCDEFG'[i]}`), issuer, account: `ada${i}@example.com` },
  tags: [TAGS[i % TAGS.length]!],
}));

async function seeded(page: Page) {
  await createVault(page);
  await seedRecords(page, [
    { otp: AWS, tags: ['work', 'school'] },
    { otp: GITHUB, tags: ['work'] },
    { otp: BANK, tags: ['finance', 'family', 'travel'] },
    { otp: STEAM, tags: ['gaming', 'shopping'], favourite: true },
    ...extra,
  ]);
  await page.reload();
  await unlock(page);
  await expect(page.locator('.row-code').first()).toBeVisible();
}

const row = (page: Page, name: string) => page.locator('.row', { hasText: name });

/** Whether an element's text fits in its box (nothing clamped or cut). */
const fits = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1);

async function expectNoSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

test('a wide window shows cards with nothing open, then the list beside the open record, marked', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await seeded(page);
  // Nothing open: the codes use the window (cards side by side), no "Select an item" pane.
  await expect(page.getByText('Select an item to see its details.')).toBeHidden();
  const codes = page.locator('.codes');
  expect((await codes.boundingBox())!.width).toBeGreaterThan(1000);
  const first = (await row(page, 'Amazon Web Services').boundingBox())!;
  const second = (await row(page, 'Dropbox').boundingBox())!;
  expect(second.y).toBe(first.y);
  expect(second.x).toBeGreaterThan(first.x + first.width);
  // Names and accounts are whole.
  const aws = row(page, 'Amazon Web Services');
  await expect(aws.locator('.row-name')).toHaveText('Amazon Web Services');
  expect(await fits(page, '.row:has-text("Amazon Web Services") .row-name')).toBe(true);
  expect(await fits(page, '.row:has-text("Amazon Web Services") .row-account')).toBe(true);

  // Open a record: the list sits beside it, still wide enough for the name, and marks it.
  await aws.getByRole('button', { name: 'Details of Amazon Web Services' }).click();
  await expect(page.getByRole('heading', { name: 'Amazon Web Services', level: 1 })).toBeVisible();
  expect((await codes.boundingBox())!.width).toBeGreaterThanOrEqual(480);
  expect(await fits(page, '.row:has-text("Amazon Web Services") .row-name')).toBe(true);
  expect(await fits(page, '.row:has-text("Amazon Web Services") .row-account')).toBe(true);
  await expect(aws.getByRole('button', { name: 'Details of Amazon Web Services' })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await expect(page.locator('.row[data-selected]')).toHaveCount(1);
  await expect(aws).toHaveCSS('box-shadow', /inset/);
  await expectNoSeriousViolations(page, 'record beside the list');

  // Another record moves the mark.
  await row(page, 'GitHub').getByRole('button', { name: 'Details of GitHub' }).click();
  await expect(row(page, 'GitHub').getByRole('button', { name: 'Details of GitHub' })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await expect(aws.getByRole('button', { name: 'Details of Amazon Web Services' })).not.toHaveAttribute(
    'aria-current',
    'true',
  );
});

test('on a phone a long account wraps whole and tag chips show there are more', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await seeded(page);
  const aws = row(page, 'Amazon Web Services');
  // Not cut to "alice@exampl…": every character is on screen, over two lines if need be.
  await expect(aws.locator('.row-account')).toHaveText('alice@example.com');
  expect(await fits(page, '.row:has-text("Amazon Web Services") .row-account')).toBe(true);
  expect(await fits(page, '.row:has-text("Amazon Web Services") .row-name')).toBe(true);
  await expect(aws.locator('.row-main')).toHaveAttribute('title', 'Amazon Web Services · alice@example.com');

  // The chips overflow: the far edge fades; scrolled to the end, the near edge fades instead.
  const chips = page.getByRole('group', { name: 'Filter by tag' });
  await expect(chips).toHaveAttribute('data-more-end', '');
  await expect(chips).not.toHaveAttribute('data-more-start', '');
  await chips.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(chips).toHaveAttribute('data-more-start', '');
  await expect(chips).not.toHaveAttribute('data-more-end', '');
  await expect(chips).toHaveCSS('mask-image', /linear-gradient/);
});

for (const size of [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`codes list, ${size.name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize(size.viewport);
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await seeded(page);
      await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
      await expectNoSeriousViolations(page, `codes ${size.name} ${scheme}`);
      await page.screenshot({ path: `${SHOTS}codes-${size.name}-${scheme}.png` });
      await row(page, 'Amazon Web Services').getByRole('button', { name: 'Details of Amazon Web Services' }).click();
      await expect(page.getByRole('heading', { name: 'Amazon Web Services', level: 1 })).toBeVisible();
      await expectNoSeriousViolations(page, `record ${size.name} ${scheme}`);
      await page.screenshot({ path: `${SHOTS}record-${size.name}-${scheme}.png` });
    });
  }
}
