import { expect, test, type Page } from '@playwright/test';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { BANK, FROZEN_MS, GITHUB } from './fixtures/otps.ts';
import { createVault } from './fixtures/vault.ts';
import { expectPreview } from './fixtures/add/flow.ts';
import { png, qrPicture } from './fixtures/add/qr-image.ts';

// Open with Tessera (File Handling). Headless Chromium cannot launch an installed app with a file,
// so the test stands in for the browser only at that last step: an init script records the
// consumer the page gives to window.launchQueue.setConsumer, and the test calls it with what the
// browser passes, launch params whose `files` are real FileSystemFileHandles (made in the origin's
// private file system). Everything after that (reading the handles, choosing the add flow or the
// import screen, reading the QR code or the export) is the app's own code. The manifest's
// file_handlers entries are checked as served.

interface FakeQueue {
  consumer?: (params: { files: FileSystemFileHandle[] }) => void;
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const queue: FakeQueue & { setConsumer(c: FakeQueue['consumer']): void } = {
      setConsumer(c) {
        queue.consumer = c;
      },
    };
    Object.defineProperty(window, 'launchQueue', { value: queue, configurable: true });
  });
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
});

async function launchWith(page: Page, name: string, bytes: Buffer) {
  await page.evaluate(
    async ({ name, base64 }) => {
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle(name, { create: true });
      const writable = await handle.createWritable();
      await writable.write(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
      await writable.close();
      (window as unknown as { launchQueue: FakeQueue }).launchQueue.consumer?.({ files: [handle] });
    },
    { name, base64: bytes.toString('base64') },
  );
}

test('the manifest declares the file handlers', async ({ request }) => {
  const manifest = (await (await request.get('/manifest.webmanifest')).json()) as {
    file_handlers?: Array<{ action: string; accept: Record<string, string[]> }>;
  };
  const accepted = Object.values(
    Object.assign({}, ...(manifest.file_handlers ?? []).map((h) => h.accept)) as Record<string, string[]>,
  ).flat();
  expect(accepted).toEqual(expect.arrayContaining(['.png', '.jpg', '.json', '.csv', '.txt', '.tessera']));
});

test('a QR picture opened with Tessera shows its code in the add flow', async ({ page }) => {
  await launchWith(page, 'qr.png', png(qrPicture(formatOtpUri(GITHUB), { module: 3 })));
  await expectPreview(page.getByRole('region', { name: 'Add a code' }), GITHUB, FROZEN_MS);
});

test('an export opened with Tessera starts the import', async ({ page }) => {
  await launchWith(page, 'links.txt', Buffer.from(`${formatOtpUri(GITHUB)}\n${formatOtpUri(BANK)}\n`));
  const screen = page.getByRole('region', { name: 'Import' });
  await expect(screen.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  await expect(screen.getByRole('button', { name: 'Import 2 entries' })).toBeVisible();
});
