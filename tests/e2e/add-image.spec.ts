import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatMigrationUris } from '@tessera/core/otp/migration';
import type { Otp } from '@tessera/core/otp/types';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { BANK, FROZEN_MS, GITHUB, STEAM } from './fixtures/otps.ts';
import { createVault, unlock } from './fixtures/vault.ts';
import { expectHomeCode, expectPreview, openAdd, saveTo } from './fixtures/add/flow.ts';
import { png, qrPicture } from './fixtures/add/qr-image.ts';

// Service workers are on in this file, though the suite blocks them by default: one test here reads
// the QR decoder worker from the service worker cache offline.
test.use({ serviceWorkers: 'allow' });

// Adding from a picture of the QR code: picked as a file, dropped on the panel, or pasted from
// the clipboard. The pictures are drawn in the test from the otpauth:// link they hold.

/** A desktop screenshot: a small code (2 px modules) on a grey page. */
function screenshot(text: string): Buffer {
  return png(qrPicture(text, { module: 2, width: 1600, height: 900, background: 230 }));
}

async function dataTransferWith(page: Page, file: { name: string; type: string; bytes: Buffer }) {
  return page.evaluateHandle(
    ({ name, type, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type }));
      return transfer;
    },
    { name: file.name, type: file.type, base64: file.bytes.toString('base64') },
  );
}

async function pick(flow: Locator, files: Array<{ name: string; bytes: Buffer; type?: string }>) {
  await flow
    .locator('input[type=file]')
    .setInputFiles(files.map((f) => ({ name: f.name, mimeType: f.type ?? 'image/png', buffer: f.bytes })));
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
});

test('a screenshot picked as a file', async ({ page }) => {
  const flow = await openAdd(page, 'Image');
  await pick(flow, [{ name: 'screenshot.png', bytes: screenshot(formatOtpUri(GITHUB)) }]);
  await expectPreview(flow, GITHUB, FROZEN_MS);
  await saveTo(flow, 'Create a new record');
  await expectHomeCode(page, 'GitHub', GITHUB, FROZEN_MS);
});

test('a picture dropped on the panel', async ({ page }) => {
  const flow = await openAdd(page, 'Image');
  const transfer = await dataTransferWith(page, {
    name: 'qr.png',
    type: 'image/png',
    bytes: png(qrPicture(formatOtpUri(BANK))),
  });
  const zone = flow.locator('.add-drop');
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
  await expect(zone).toHaveClass(/add-drop-active/);
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
  await expectPreview(flow, BANK, FROZEN_MS);
  await saveTo(flow, 'Create a new record');
  await expectHomeCode(page, 'Example Bank', BANK, FROZEN_MS);
});

test('a screenshot pasted from the clipboard with Ctrl+V', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const flow = await openAdd(page, 'Image');
  // Put a real PNG on the system clipboard, as a screenshot tool does, then paste.
  await page.evaluate(
    async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
    },
    screenshot(formatOtpUri(STEAM)).toString('base64'),
  );
  await flow.locator('.add-drop').click();
  await page.keyboard.press('ControlOrMeta+V');
  await expectPreview(flow, STEAM, FROZEN_MS);
  await saveTo(flow, 'Create a new record');
  await expectHomeCode(page, 'Steam', STEAM, FROZEN_MS);
});

test('pasting text that is not a picture or a link says what to do', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const flow = await openAdd(page, 'Image');
  await page.evaluate(() => navigator.clipboard.writeText('just some words'));
  await flow.locator('.add-drop').click();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(page.getByRole('alert')).toHaveText(
    'The clipboard holds no picture. Take a screenshot of the QR code (or copy the image), then paste again.',
  );
});

test('the two QR codes of an export picked together', async ({ page }) => {
  const otps: Otp[] = Array.from({ length: 12 }, (_, i) => ({
    ...GITHUB,
    secret: new TextEncoder().encode(`picture-secret-${i}`),
    issuer: `Site ${i + 1}`,
    account: 'ada',
  }));
  const [first, second] = formatMigrationUris(otps, { batchId: 99 });
  const flow = await openAdd(page, 'Image');
  // The first alone: the flow asks for the next one.
  await pick(flow, [{ name: 'export-1.png', bytes: png(qrPicture(first!, { module: 3 })) }]);
  await expect(flow.getByRole('status').filter({ hasText: 'Batch 1 of 2 scanned, scan the next.' })).toBeVisible();
  await pick(flow, [{ name: 'export-2.png', bytes: png(qrPicture(second!, { module: 3 })) }]);
  await flow.getByRole('button', { name: 'Import 12 accounts' }).click();
  await expectHomeCode(page, 'Site 1', otps[0]!, FROZEN_MS);
  await expectHomeCode(page, 'Site 12', otps[11]!, FROZEN_MS);
});

test('a picture without a QR code, a file that is not a picture, and a QR code of a web page', async ({ page }) => {
  const flow = await openAdd(page, 'Image');
  const alert = page.getByRole('alert');
  const blank = png({
    width: 400,
    height: 300,
    pixels: new Uint8Array(400 * 300).map((_, i) => (i % 7 === 0 ? 40 : 220)),
  });
  await pick(flow, [{ name: 'blank.png', bytes: blank }]);
  await expect(alert).toHaveText(
    'No QR code was found in this picture. Make sure the whole code is in it, sharp and not cut off; a screenshot works best.',
  );
  await pick(flow, [{ name: 'notes.txt', bytes: Buffer.from('otp secrets'), type: 'text/plain' }]);
  await expect(alert).toHaveText(
    'This file (text/plain) could not be opened as an image. Use a PNG, JPEG, WebP or GIF picture of the QR code.',
  );
  await pick(flow, [{ name: 'site.png', bytes: png(qrPicture('https://example.com/welcome')) }]);
  await expect(alert).toContainText('This is a link to a web page (example.com), not an authenticator setup code.');
});

test('works offline: the QR decoder worker comes from the service worker cache', async ({ page, context }) => {
  // The first load installs the service worker; it controls the page from the next load on.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
    .toBe(true);
  await context.setOffline(true);
  try {
    await page.reload();
    await unlock(page);
    const flow = await openAdd(page, 'Image');
    await pick(flow, [{ name: 'screenshot.png', bytes: screenshot(formatOtpUri(GITHUB)) }]);
    await expectPreview(flow, GITHUB, FROZEN_MS);
    await saveTo(flow, 'Create a new record');
    await expectHomeCode(page, 'GitHub', GITHUB, FROZEN_MS);
  } finally {
    await context.setOffline(false);
  }
});
