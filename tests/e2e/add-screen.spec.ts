import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { BANK, FROZEN_MS } from './fixtures/otps.ts';
import { createVault } from './fixtures/vault.ts';
import { expectHomeCode, expectPreview, openAdd, saveTo } from './fixtures/add/flow.ts';
import { launchWith, trackStates, watchTracks } from './fixtures/add/media.ts';
import { png, qrPicture } from './fixtures/add/qr-image.ts';

// Finding the QR code on the screen: the website's setup page is open in another tab, the user
// shares that tab. Chromium 156 headless captures a real tab picked by its title with
// --auto-select-tab-capture-source-by-title (measured here: frames of the other tab arrive,
// QR code included). The capture must end as soon as the code is found or the user stops.

const SOURCE_TITLE = 'Example Bank: set up two-factor authentication';

async function websiteTab(context: BrowserContext, qr: Buffer | null): Promise<Page> {
  const site = await context.newPage();
  const picture = qr
    ? `<img alt="QR code" src="data:image/png;base64,${qr.toString('base64')}">`
    : '<p>No code here.</p>';
  await site.setContent(
    `<!doctype html><title>${SOURCE_TITLE}</title><body><h1>Scan this code with your authenticator</h1>${picture}</body>`,
  );
  return site;
}

async function appTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await watchTracks(page);
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
  return page;
}

async function withBrowser(flags: string[], run: (browser: Browser) => Promise<void>) {
  const browser = await launchWith(flags);
  try {
    await run(browser);
  } finally {
    await browser.close();
  }
}

test('the QR code in a shared tab', async ({ baseURL }) => {
  await withBrowser([`--auto-select-tab-capture-source-by-title=${SOURCE_TITLE}`], async (browser) => {
    const context = await browser.newContext({ baseURL });
    await websiteTab(context, png(qrPicture(formatOtpUri(BANK), { module: 4 })));
    const page = await appTab(context);
    const flow = await openAdd(page, 'Screen');
    await flow.getByRole('button', { name: 'Share a window or tab' }).click();
    await expectPreview(flow, BANK, FROZEN_MS);
    // Found: sharing has already ended.
    await expect.poll(() => trackStates(page)).toEqual({ total: 1, live: 0 });
    await saveTo(flow, 'Create a new record');
    await expectHomeCode(page, 'Example Bank', BANK, FROZEN_MS);
  });
});

test('stopping the share ends the capture; a tab without a code times out with a message', async ({ baseURL }) => {
  await withBrowser([`--auto-select-tab-capture-source-by-title=${SOURCE_TITLE}`], async (browser) => {
    const context = await browser.newContext({ baseURL });
    await websiteTab(context, null);
    const page = await appTab(context);
    const flow = await openAdd(page, 'Screen');
    await flow.getByRole('button', { name: 'Share a window or tab' }).click();
    await expect(flow.getByRole('status')).toHaveText('Looking for a QR code in the shared screen…');
    await expect.poll(() => trackStates(page)).toEqual({ total: 1, live: 1 });
    await flow.getByRole('button', { name: 'Stop sharing' }).click();
    await expect.poll(() => trackStates(page)).toEqual({ total: 1, live: 0 });
    await expect(page.getByRole('alert')).toHaveCount(0);

    await flow.getByRole('button', { name: 'Share a window or tab' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'No QR code was found in the shared screen within 15 seconds. Make sure the QR code is fully visible in the window or tab you share, then try again.',
      { timeout: 25_000 },
    );
    expect(await trackStates(page)).toEqual({ total: 2, live: 0 });
  });
});

test('screen sharing refused', async ({ baseURL }) => {
  await withBrowser(['--use-fake-ui-for-media-stream=deny'], async (browser) => {
    const page = await appTab(await browser.newContext({ baseURL }));
    const flow = await openAdd(page, 'Screen');
    await flow.getByRole('button', { name: 'Share a window or tab' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'Screen sharing was cancelled or not allowed, so nothing was captured.',
    );
  });
});

test('no Screen choice where the browser cannot capture the screen (phones)', async ({ page }) => {
  await page.addInitScript(() => {
    // What a phone browser looks like: MediaDevices without getDisplayMedia.
    delete (MediaDevices.prototype as Partial<MediaDevices>).getDisplayMedia;
  });
  await createVault(page);
  const flow = await openAdd(page, 'Image');
  await expect(flow.getByRole('tab')).toHaveText(['Camera', 'Image', 'Setup key', 'Link']);
});
