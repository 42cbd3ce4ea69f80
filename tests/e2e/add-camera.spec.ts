import { expect, test, type Browser, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { formatMigrationUris } from '@tessera/core/otp/migration';
import type { Otp } from '@tessera/core/otp/types';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { FROZEN_MS, GITHUB } from './fixtures/otps.ts';
import { createVault } from './fixtures/vault.ts';
import { expectHomeCode, expectPreview, openAdd, saveTo } from './fixtures/add/flow.ts';
import { launchWith, trackStates, watchTracks } from './fixtures/add/media.ts';
import { qrPicture, y4m } from './fixtures/add/qr-image.ts';

// Scanning with the camera. Chromium's fake camera plays a YUV4MPEG2 video written by the test
// (--use-file-for-fake-video-capture); the permission prompt is accepted by
// --use-fake-ui-for-media-stream, or left out to see a refusal.

const FRAME = { width: 640, height: 480, background: 200 };

async function appPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await watchTracks(page);
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
  return page;
}

test('a QR code held up to the camera', async ({ baseURL }, testInfo) => {
  const video = testInfo.outputPath('otp.y4m');
  writeFileSync(video, y4m([qrPicture(formatOtpUri(GITHUB), { module: 5, ...FRAME })]));
  const browser = await launchWith([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ]);
  try {
    const page = await appPage(browser, baseURL);
    const flow = await openAdd(page, 'Camera');
    await expectPreview(flow, GITHUB, FROZEN_MS);
    // Found: the camera is off again, before anything is saved.
    await expect.poll(() => trackStates(page)).toEqual({ total: 1, live: 0 });
    await saveTo(flow, 'Create a new record');
    await expectHomeCode(page, 'GitHub', GITHUB, FROZEN_MS);
  } finally {
    await browser.close();
  }
});

test('the QR codes of an export shown one after another', async ({ baseURL }, testInfo) => {
  const otps: Otp[] = Array.from({ length: 14 }, (_, i) => ({
    ...GITHUB,
    secret: new TextEncoder().encode(`camera-secret-${i}`),
    issuer: `Camera ${i + 1}`,
    account: 'ada',
  }));
  const [first, second] = formatMigrationUris(otps, { batchId: 31337 });
  const video = testInfo.outputPath('export.y4m');
  // Two seconds of each code, looping, as a user flips through Google Authenticator's export.
  writeFileSync(
    video,
    y4m([qrPicture(first!, { module: 3, ...FRAME }), qrPicture(second!, { module: 3, ...FRAME })], 20, 10),
  );
  const browser = await launchWith([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ]);
  try {
    const page = await appPage(browser, baseURL);
    const flow = await openAdd(page, 'Camera');
    await expect(flow.getByRole('status').filter({ hasText: /Batch [12] of 2 scanned/ })).toBeVisible();
    await expect(flow.getByRole('heading', { name: 'Import 14 accounts' })).toBeVisible({ timeout: 20_000 });
    await flow.getByRole('button', { name: 'Import 14 accounts' }).click();
    await expectHomeCode(page, 'Camera 1', otps[0]!, FROZEN_MS);
    // The list renders only the rows in view: find the last one as a user would, by searching.
    await page.getByRole('searchbox', { name: 'Search codes and logins' }).fill('Camera 14');
    await expectHomeCode(page, 'Camera 14', otps[13]!, FROZEN_MS);
    expect((await trackStates(page)).live).toBe(0);
  } finally {
    await browser.close();
  }
});

test('several cameras: a chooser, and the camera stops when the user leaves', async ({ baseURL }) => {
  const browser = await launchWith([
    '--use-fake-device-for-media-stream=device-count=2',
    '--use-fake-ui-for-media-stream',
  ]);
  try {
    const page = await appPage(browser, baseURL);
    const flow = await openAdd(page, 'Camera');
    await expect(flow.getByRole('status')).toHaveText('Point the camera at the QR code.');
    const chooser = flow.getByRole('combobox', { name: 'Camera' });
    await expect(chooser.getByRole('option')).toHaveText(['fake_device_0', 'fake_device_1']);
    await chooser.selectOption({ label: 'fake_device_1' });
    await expect(flow.getByRole('status')).toHaveText('Point the camera at the QR code.');
    // The first camera was stopped before the second started; one is live now.
    await expect.poll(() => trackStates(page)).toEqual({ total: 2, live: 1 });
    await flow.getByRole('tab', { name: 'Setup key' }).click();
    await expect.poll(() => trackStates(page)).toEqual({ total: 2, live: 0 });
  } finally {
    await browser.close();
  }
});

test('camera permission refused', async ({ baseURL }) => {
  // A fake camera exists but nothing accepts the permission prompt: Chromium refuses.
  const browser = await launchWith(['--use-fake-device-for-media-stream']);
  try {
    const page = await appPage(browser, baseURL);
    const flow = await openAdd(page, 'Camera');
    await expect(page.getByRole('alert')).toHaveText(
      'Camera access was refused. Allow the camera for this site (the camera icon in the address bar or the browser settings), then try again, or use an image of the QR code.',
    );
    await expect(flow.getByRole('button', { name: 'Try again' })).toBeVisible();
  } finally {
    await browser.close();
  }
});

test('no camera at all', async ({ page }) => {
  // The suite's own browser has no camera, real or fake.
  await createVault(page);
  const flow = await openAdd(page, 'Camera');
  await expect(page.getByRole('alert')).toHaveText(
    'No camera was found. Use an image or a screenshot of the QR code, or type the setup key.',
  );
  // No black box under the message; the ways that need no camera are one press away.
  await expect(flow.getByLabel('Camera preview')).toBeHidden();
  await flow.getByRole('button', { name: 'Type the setup key' }).click();
  await expect(flow.getByRole('tab', { name: 'Setup key' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await flow.getByRole('tab', { name: 'Camera' }).click();
  await flow.getByRole('button', { name: 'Use an image' }).click();
  await expect(flow.getByRole('tab', { name: 'Image' })).toHaveAttribute('aria-selected', 'true');
});

test('a phone without a camera opens Add on Image, saying why, and never asks for the camera', async ({
  browser,
  baseURL,
}) => {
  // A touch screen makes Camera the first way; this browser has no camera at all.
  const context = await browser.newContext({
    baseURL,
    hasTouch: true,
    isMobile: true,
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const media = navigator.mediaDevices;
    const original = media.getUserMedia.bind(media);
    Object.defineProperty(window, '__cameraAsks', { value: { count: 0 }, writable: false });
    media.getUserMedia = (constraints) => {
      (window as unknown as { __cameraAsks: { count: number } }).__cameraAsks.count++;
      return original(constraints);
    };
  });
  await createVault(page);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Add a code' }).click();
  const flow = page.getByRole('region', { name: 'Add a code' });
  await expect(flow.getByRole('tab', { name: 'Image' })).toHaveAttribute('aria-selected', 'true');
  await expect(flow.getByRole('status').filter({ hasText: 'No camera was found on this device' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __cameraAsks: { count: number } }).__cameraAsks.count)).toBe(
    0,
  );
  await context.close();
});
