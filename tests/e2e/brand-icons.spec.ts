import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createVault } from './fixtures/vault.ts';
import { addRecord, expectAccessible, showAllItems } from './sync-helpers.ts';

// Issue 13, "Issuer icons": a record whose issuer or site names a known brand shows the brand's
// Simple Icons icon instead of a letter; an unknown one keeps its letter; Settings turns icons
// off. The icon set is one file, fetched whole, so no request names a brand.

const row = (page: Page, name: string) =>
  page.locator('.row').filter({ has: page.locator('.row-name', { hasText: name }) });

async function addLogin(page: Page, title: string, website: string): Promise<void> {
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('menuitem', { name: 'New login record' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Website').fill(website);
  await page.getByRole('button', { name: 'Add record' }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

test('known brands show their icon, others their letter; the setting turns icons off', async ({ page }) => {
  test.setTimeout(180_000);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await createVault(page);
  await showAllItems(page);
  // A title that names no brand, an issuer that does.
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('menuitem', { name: 'New login record' }).click();
  await page.getByLabel('Title').fill('Code host');
  await page.getByRole('button', { name: 'Enter a setup key' }).click();
  await page.getByLabel('Setup key or otpauth:// link').fill('JBSWY3DPEHPK3PXP');
  await page.getByLabel('Issuer').fill('GitHub');
  await page.getByRole('button', { name: 'Add record' }).click();
  await expect(page.getByRole('heading', { name: 'Code host', level: 1 })).toBeVisible();
  await addRecord(page, { title: 'Harbour Mail' }, 'JBSWY3DPEHPK3PXP');
  await addLogin(page, 'Work mail', 'https://accounts.google.com/');

  // The issuer names GitHub, the site Google: their icons; Harbour Mail is no brand: its letter.
  await expect(row(page, 'Code host').locator('.avatar-brand[data-brand="github"] svg path')).toBeVisible({
    timeout: 30_000,
  });
  await expect(row(page, 'Work mail').locator('.avatar-brand[data-brand="google"]')).toBeVisible();
  await expect(row(page, 'Harbour Mail').locator('.avatar')).toHaveText('H');
  await expect(row(page, 'Harbour Mail').locator('.avatar-brand')).toHaveCount(0);
  // The record's own page shows it large.
  await row(page, 'Code host').getByRole('button', { name: 'Details of Code host' }).click();
  await expect(page.locator('.detail-head .avatar-large.avatar-brand[data-brand="github"]')).toBeVisible();

  // One request for the whole set, none naming a brand; and the set is not in the precache
  // manifest (it is cached at runtime on first use).
  const sets = requests.filter((path) => /^\/assets\/brand-icons-[\w-]+\.json$/.test(path));
  expect(sets).toHaveLength(1);
  expect(requests.filter((path) => /github|google/i.test(path))).toEqual([]);
  const sw = await (await page.request.get('/sw.js')).text();
  expect(sw).not.toContain(sets[0]!.slice(1));

  // Off: letters everywhere, kept after a reload.
  await page.goto('/#/settings');
  const toggle = page.getByRole('checkbox', { name: 'Show brand icons' });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await page.goto('/#/');
  await expect(row(page, 'Code host').locator('.avatar')).toHaveText('C');
  await expect(page.locator('.avatar-brand')).toHaveCount(0);
  await page.reload();
  await page.getByLabel('Master password').fill('violet tractor 42 meadow lantern');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({ timeout: 60_000 });
  await showAllItems(page);
  await expect(row(page, 'Work mail').locator('.avatar')).toHaveText('W');
  await expect(page.locator('.avatar-brand')).toHaveCount(0);
});

test('brand icons at phone and desktop sizes, both themes, pass axe', async ({ page }) => {
  test.setTimeout(180_000);
  const out = join(tmpdir(), 'tessera-shots');
  mkdirSync(out, { recursive: true });
  await createVault(page);
  for (const [issuer, key] of [
    ['GitHub', 'JBSWY3DPEHPK3PXP'],
    ['Dropbox', 'JBSWY3DPEHPK3PXQ'],
    ['Proton', 'JBSWY3DPEHPK3PXR'],
    ['Harbour Mail', 'JBSWY3DPEHPK3PXS'],
  ] as const) {
    await addRecord(
      page,
      { title: issuer },
      `otpauth://totp/${encodeURIComponent(issuer)}:ada?secret=${key}&issuer=${encodeURIComponent(issuer)}`,
    );
  }
  await page.goto('/#/');
  await expect(page.locator('.avatar-brand')).toHaveCount(3, { timeout: 30_000 });
  for (const size of [
    { name: 'phone', width: 390, height: 844 },
    { name: 'desktop', width: 1280, height: 800 },
  ] as const) {
    await page.setViewportSize(size);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: join(out, `brand-icons-${size.name}-${colorScheme}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await expectAccessible(page, 'codes with brand icons');
});
