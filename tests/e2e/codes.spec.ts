import { AxeBuilder } from './fixtures/axe.ts';
import { expect, test, type Page } from '@playwright/test';
import { otpCode } from '@tessera/core/otp/code';
import { BANK, COUNTER, FROZEN_MS, GITHUB, STEAM } from './fixtures/otps.ts';
import { createVault, seedRecords, unlock } from './fixtures/vault.ts';

// The codes screen against @tessera/core: same codes for the page's frozen clock, copy, search,
// tags, favourites and the HOTP counter.
async function seededVault(page: Page) {
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
  await seedRecords(page, [
    { otp: GITHUB, tags: ['work'], favourite: false },
    { otp: BANK, title: 'Bank', tags: ['finance'] },
    { otp: COUNTER },
    { otp: STEAM, favourite: true },
    { title: 'Library', username: 'ada', password: 'hunter2-but-longer' },
  ]);
  await page.reload();
  await unlock(page);
}

const row = (page: Page, name: string) => page.locator('.row', { has: page.locator('.row-name', { hasText: name }) });

test.describe('codes', () => {
  test('shows the same codes as @tessera/core for the frozen clock', async ({ page }) => {
    await seededVault(page);
    for (const [name, otp] of [
      ['GitHub', GITHUB],
      ['Bank', BANK],
      ['Old VPN', COUNTER],
      ['Steam', STEAM],
    ] as const) {
      const expected = otpCode(otp, FROZEN_MS);
      await expect(row(page, name).locator('.row-code')).toHaveAttribute('data-code', expected.code);
    }
    // Grouped for reading: 6 digits as 3+3, 8 as 4+4; Steam as Steam shows it.
    await expect(row(page, 'GitHub').locator('.row-code')).toHaveText(
      otpCode(GITHUB, FROZEN_MS).code.replace(/^(\d{3})(\d{3})$/, '$1 $2'),
    );
    await expect(row(page, 'Bank').locator('.row-code')).toHaveText(
      otpCode(BANK, FROZEN_MS).code.replace(/^(\d{4})(\d{4})$/, '$1 $2'),
    );
    await expect(row(page, 'Steam').locator('.row-code')).toHaveText(otpCode(STEAM, FROZEN_MS).code);
    await expect(row(page, 'GitHub').locator('.row-next')).toHaveText(
      `next ${otpCode(GITHUB, FROZEN_MS).next.replace(/^(\d{3})(\d{3})$/, '$1 $2')}`,
    );
    await expect(row(page, 'GitHub').locator('.countdown-seconds')).toHaveText('20');
    // Favourites first, then by name; "Codes" hides the login without an OTP.
    await expect(page.locator('.row-name')).toHaveText(['Steam', 'Bank', 'GitHub', 'Old VPN']);
    await page.getByRole('button', { name: 'All items' }).click();
    await expect(page.locator('.row-name')).toHaveText(['Steam', 'Bank', 'GitHub', 'Library', 'Old VPN']);
  });

  test('copies a code and clears the clipboard later', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.clock.install({ time: FROZEN_MS - 60_000 });
    await page.clock.pauseAt(FROZEN_MS);
    await createVault(page);
    await seedRecords(page, [{ otp: GITHUB }]);
    await page.reload();
    await unlock(page);
    const expected = otpCode(GITHUB, FROZEN_MS).code;
    await row(page, 'GitHub')
      .getByRole('button', { name: /^GitHub ada@example.com .*copy code$/ })
      .click();
    // Chromium lets the page read the clipboard back, so the toast may promise the clear.
    await expect(page.getByRole('status').filter({ hasText: 'Code copied · clears in 30 s' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    await page.clock.runFor(31_000);
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('');
  });

  test('search filters as you type across issuer, account, title and tags', async ({ page }) => {
    await seededVault(page);
    const search = page.getByRole('searchbox', { name: 'Search codes and logins' });
    await search.fill('git');
    await expect(page.locator('.row-name')).toHaveText(['GitHub']);
    await search.fill('ada_plays');
    await expect(page.locator('.row-name')).toHaveText(['Steam']);
    await search.fill('finance');
    await expect(page.locator('.row-name')).toHaveText(['Bank']);
    await search.fill('nothing like this');
    await expect(page.getByRole('heading', { name: 'Nothing matches' })).toBeVisible();
    await search.press('Escape');
    await expect(page.locator('.row-name')).toHaveCount(4);
    await page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: 'work' }).click();
    await expect(page.locator('.row-name')).toHaveText(['GitHub']);
  });

  test('search reaches logins the "Codes" view hides and says where they are', async ({ page }) => {
    await seededVault(page);
    const search = page.getByRole('searchbox', { name: 'Search codes and logins' });
    await search.fill('library');
    // Not "Nothing matches… clear the tag filter": there is no tag filter, and there is a match.
    await expect(page.getByRole('heading', { name: 'Nothing matches here' })).toBeVisible();
    await expect(page.getByText('clear the tag filter')).toHaveCount(0);
    await expect(page.getByText('1 login without a code matches')).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
      [],
    );
    await page.getByRole('button', { name: 'Show all items' }).click();
    await expect(page.locator('.row-name')).toHaveText(['Library']);
    await expect(page.getByRole('button', { name: 'All items' })).toHaveAttribute('aria-pressed', 'true');
    // A word that matches nothing anywhere says so, without a tag filter to blame.
    await search.fill('zzzz nothing');
    await expect(page.getByRole('heading', { name: 'Nothing matches' })).toBeVisible();
    await expect(page.getByText('Try another word.')).toBeVisible();
    // With a tag filter on, matches outside it are counted and one tap widens the search.
    await search.fill('');
    await page.getByRole('button', { name: 'Codes', exact: true }).click();
    await page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: 'work' }).click();
    await search.fill('bank');
    await expect(page.getByText('1 more item matches outside the tag “work”')).toBeVisible();
    await page.getByRole('button', { name: 'Search all tags' }).click();
    await expect(page.locator('.row-name')).toHaveText(['Bank']);
  });

  test('search forgives typos and matches initials, best match first', async ({ page }) => {
    await page.clock.setFixedTime(FROZEN_MS);
    await createVault(page);
    await seedRecords(page, [
      { otp: { ...GITHUB, issuer: 'Amazon', account: 'alice@example.com' } },
      { otp: { ...BANK, issuer: 'Amazon Web Services', account: 'root' } },
      { otp: GITHUB, url: 'https://github.com' },
      { otp: STEAM, favourite: true },
    ]);
    await page.reload();
    await unlock(page);
    const search = page.getByRole('searchbox', { name: 'Search codes and logins' });
    await search.fill('amazn');
    await expect(page.locator('.row-name')).toHaveText(['Amazon', 'Amazon Web Services']);
    await search.fill('aws');
    await expect(page.locator('.row-name')).toHaveText(['Amazon Web Services']);
    await search.fill('gihtub');
    await expect(page.locator('.row-name')).toHaveText(['GitHub']);
    await search.fill('alice');
    await expect(page.locator('.row-name')).toHaveText(['Amazon']);
  });

  test('tags that differ only in case are one chip that filters both', async ({ page }) => {
    await page.clock.setFixedTime(FROZEN_MS);
    await createVault(page);
    await seedRecords(page, [
      { otp: GITHUB, tags: ['work'] },
      { otp: BANK, title: 'Bank', tags: ['Work'] },
      { otp: STEAM, tags: ['work', 'games'] },
    ]);
    await page.reload();
    await unlock(page);
    const chips = page.getByRole('group', { name: 'Filter by tag' }).getByRole('button');
    await expect(chips).toHaveText(['All', 'games', 'work']);
    await chips.filter({ hasText: 'work' }).click();
    await expect(page.locator('.row-name')).toHaveText(['Bank', 'GitHub', 'Steam']);
  });

  test('HOTP shows the next code on request and the counter only goes up', async ({ page }) => {
    await seededVault(page);
    const hotpRow = row(page, 'Old VPN');
    // RFC 4226 Appendix D: counter 0 → 755224, 1 → 287082, 2 → 359152, 4 → 338314.
    await expect(hotpRow.locator('.row-code')).toHaveAttribute('data-code', '755224');
    await hotpRow.getByRole('button', { name: 'Next code for Old VPN' }).click();
    await expect(hotpRow.locator('.row-code')).toHaveAttribute('data-code', '287082');
    await hotpRow.getByRole('button', { name: 'Next code for Old VPN' }).click();
    await expect(hotpRow.locator('.row-code')).toHaveAttribute('data-code', '359152');
    // Two presses faster than a write: both count (writes are queued, each from the last state).
    await hotpRow.getByRole('button', { name: 'Next code for Old VPN' }).dblclick();
    await expect(hotpRow.locator('.row-code')).toHaveAttribute('data-code', '338314');
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await unlock(page);
    await expect(row(page, 'Old VPN').locator('.row-code')).toHaveAttribute('data-code', '338314');
  });

  test('keyboard: "/" focuses search, arrows move between rows, Enter copies', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // One column: on a wide window the rows are cards and ArrowDown goes down a line of them.
    await page.setViewportSize({ width: 390, height: 844 });
    await seededVault(page);
    await page.locator('body').press('/');
    await expect(page.getByRole('searchbox')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('[data-row-index="0"] [data-row-focus]')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('[data-row-index="1"] [data-row-focus]')).toBeFocused();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(otpCode(BANK, FROZEN_MS).code);
  });
});
