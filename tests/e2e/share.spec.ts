import { expect, test, type Page } from '@playwright/test';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { BANK, FROZEN_MS, GITHUB } from './fixtures/otps.ts';
import { createVault, unlock } from './fixtures/vault.ts';
import { expectPreview } from './fixtures/add/flow.ts';
import { png, qrPicture } from './fixtures/add/qr-image.ts';

// Service workers are on in this file, though the suite blocks them by default: shares arrive
// through the service worker.
test.use({ serviceWorkers: 'allow' });

// Share to Tessera (Web Share Target). Headless Chromium has no share sheet, so the test sends
// what the browser sends: a multipart POST navigation to the manifest's /share, from a page the
// service worker controls. The worker keeps the share in its cache, sends the page to the add
// route, and after unlock the add flow shows the shared code; the cache entry is gone.

test.beforeEach(async ({ page }) => {
  test.slow();
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
    .toBe(true);
});

async function share(page: Page, data: { text?: string; picture?: Buffer }) {
  await page.evaluate(
    ({ text, base64 }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/share';
      form.enctype = 'multipart/form-data';
      const field = document.createElement('input');
      field.name = 'text';
      field.value = text;
      form.append(field);
      if (base64 !== '') {
        const files = document.createElement('input');
        files.type = 'file';
        files.name = 'files';
        const transfer = new DataTransfer();
        transfer.items.add(
          new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'qr.png', { type: 'image/png' }),
        );
        files.files = transfer.files;
        form.append(files);
      }
      document.body.append(form);
      form.submit();
    },
    { text: data.text ?? '', base64: data.picture?.toString('base64') ?? '' },
  );
  await page.waitForURL(/#\/add$/);
}

const sharedLeft = (page: Page) =>
  page.evaluate(async () => (await (await caches.open('tessera-shared')).keys()).length);

test('a shared QR picture opens the add flow with its code after unlock', async ({ page }) => {
  await share(page, { picture: png(qrPicture(formatOtpUri(GITHUB), { module: 3 })) });
  await unlock(page);
  await expectPreview(page.getByRole('region', { name: 'Add a code' }), GITHUB, FROZEN_MS);
  expect(await sharedLeft(page)).toBe(0);
});

test('shared text holding an otpauth link opens its review', async ({ page }) => {
  await share(page, { text: `Your setup link: ${formatOtpUri(BANK)} (keep it safe)` });
  await unlock(page);
  await expectPreview(page.getByRole('region', { name: 'Add a code' }), BANK, FROZEN_MS);
  expect(await sharedLeft(page)).toBe(0);
});
