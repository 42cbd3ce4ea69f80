import { expect, test, type Page } from '@playwright/test';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { BANK, FROZEN_MS, GITHUB, STEAM } from './fixtures/otps.ts';
import { createVault, unlock } from './fixtures/vault.ts';
import { expectHomeCode, expectPreview, saveTo } from './fixtures/add/flow.ts';
import { png, qrPicture } from './fixtures/add/qr-image.ts';

// Paste and drop outside the add flow: a picture or an otpauth:// link pasted on the codes list,
// or a picture dropped on the window, opens "Add a code" at the review of what it holds.

const flow = (page: Page) => page.getByRole('region', { name: 'Add a code' });

async function clipboardImage(page: Page, bytes: Buffer) {
  await page.evaluate(async (base64) => {
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([data], { type: 'image/png' }) })]);
  }, bytes.toString('base64'));
}

test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
});

test('a QR screenshot pasted on the codes list opens the add flow with its code', async ({ page }) => {
  await clipboardImage(page, png(qrPicture(formatOtpUri(GITHUB), { module: 3 })));
  await page.getByRole('region', { name: 'Codes' }).click({ position: { x: 5, y: 200 } });
  await page.keyboard.press('ControlOrMeta+V');
  await expectPreview(flow(page), GITHUB, FROZEN_MS);
  await saveTo(flow(page), 'Create a new record');
  await expectHomeCode(page, 'GitHub', GITHUB, FROZEN_MS);
});

test('an otpauth:// link pasted on the codes list opens its review; other text is left alone', async ({ page }) => {
  const codes = page.getByRole('region', { name: 'Codes' });
  await page.evaluate(() => navigator.clipboard.writeText('hello there'));
  await codes.click({ position: { x: 5, y: 200 } });
  await page.keyboard.press('ControlOrMeta+V');
  await expect(flow(page)).toHaveCount(0);
  await page.evaluate((link) => navigator.clipboard.writeText(link), formatOtpUri(BANK));
  await page.keyboard.press('ControlOrMeta+V');
  await expectPreview(flow(page), BANK, FROZEN_MS);
  // Dismissed, the link is gone: the flow opened again starts empty.
  await page.getByRole('link', { name: 'Tessera, all codes' }).click();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Add a code' }).click();
  await expect(flow(page).getByRole('tablist')).toBeVisible();
  await expect(flow(page).getByRole('heading', { name: 'Check and save' })).toHaveCount(0);
});

test('several links pasted on the codes list open the import review with every one', async ({ page }) => {
  await page.evaluate((text) => navigator.clipboard.writeText(text), `${formatOtpUri(BANK)}\n${formatOtpUri(GITHUB)}`);
  await page.getByRole('region', { name: 'Codes' }).click({ position: { x: 5, y: 200 } });
  await page.keyboard.press('ControlOrMeta+V');
  await expect(flow(page).getByRole('heading', { name: 'Review the import' })).toBeVisible();
  await flow(page).getByRole('button', { name: 'Import 2 entries' }).click();
  await flow(page).getByRole('button', { name: 'Done' }).click();
  await expectHomeCode(page, 'Example Bank', BANK, FROZEN_MS);
  await expectHomeCode(page, 'GitHub', GITHUB, FROZEN_MS);
});

test('a picture dropped on the window opens the add flow with its code', async ({ page }) => {
  const transfer = await page.evaluateHandle(
    (base64) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const t = new DataTransfer();
      t.items.add(new File([data], 'qr.png', { type: 'image/png' }));
      return t;
    },
    png(qrPicture(formatOtpUri(STEAM), { module: 3 })).toString('base64'),
  );
  const target = page.getByRole('region', { name: 'Codes' });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
  await expectPreview(flow(page), STEAM, FROZEN_MS);
});

test('a link pasted while locked opens its review after unlock', async ({ page }) => {
  test.slow();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await page.evaluate((link) => navigator.clipboard.writeText(link), formatOtpUri(BANK));
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('ControlOrMeta+V');
  await unlock(page);
  await expectPreview(flow(page), BANK, FROZEN_MS);
});
