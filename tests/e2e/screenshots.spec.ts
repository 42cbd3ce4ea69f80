import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { BANK, COUNTER, FROZEN_MS, GITHUB, STEAM } from './fixtures/otps.ts';
import { createVault, PASSWORD, seedRecords, unlock } from './fixtures/vault.ts';
import { base32Decode } from '@tessera/core/otp/base32';

// Screenshots of the main screens at phone and desktop sizes in both themes, kept as artifacts
// under .state/screenshots/ (git-ignored) for people to look at; they assert only that each
// screen rendered.
const OUT = fileURLToPath(new URL('../../.state/screenshots/', import.meta.url));
mkdirSync(OUT, { recursive: true });

const sizes = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
] as const;

const extra = ['Dropbox', 'Figma', 'Linear', 'Notion', 'Proton', 'Slack', 'Stripe'].map((issuer, i) => ({
  otp: { ...GITHUB, secret: base32Decode(`JBSWY3DPEHPK3PX${'ABCDEFG'[i]}`), issuer, account: `ada${i}@example.com` },
  tags: i % 2 ? ['work'] : ['personal'],
}));

for (const size of sizes) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`main screens, ${size.name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize(size.viewport);
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.clock.setFixedTime(FROZEN_MS);
      const shot = (screen: string) => page.screenshot({ path: `${OUT}${screen}-${size.name}-${scheme}.png` });

      await page.goto('/');
      await page.getByLabel('Master password', { exact: true }).fill('violet tractor');
      await shot('first-run');
      await createVault(page);
      await seedRecords(page, [
        {
          otp: GITHUB,
          tags: ['work'],
          title: 'GitHub',
          url: 'github.com',
          username: 'ada',
          password: 'correct-horse-battery',
          notes: 'Recovery codes are in the safe.',
        },
        { otp: BANK, title: 'Example Bank', tags: ['finance'] },
        { otp: COUNTER },
        { otp: STEAM, favourite: true },
        ...extra,
      ]);
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Unlock Tessera' })).toBeVisible();
      await shot('unlock');
      await unlock(page, PASSWORD);
      await expect(page.locator('.row-code').first()).toBeVisible();
      await shot('codes');
      await page.locator('.row', { hasText: 'GitHub' }).getByRole('button', { name: 'Details of GitHub' }).click();
      await expect(page.getByRole('heading', { name: 'GitHub', level: 1 })).toBeVisible();
      await shot('record');
      await page.getByRole('button', { name: 'Edit' }).click();
      await page.getByRole('button', { name: 'Generate a password' }).click();
      await shot('editor');
      await page.goto('/#/settings');
      await expect(page.getByRole('heading', { name: 'Security' })).toBeVisible();
      await shot('settings');
      await page.goto('/#/add');
      await page.waitForTimeout(300);
      await shot('add');
    });
  }
}
