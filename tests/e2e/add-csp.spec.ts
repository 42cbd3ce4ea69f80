import { expect, test } from '@playwright/test';
import { formatMigrationUris } from '@tessera/core/otp/migration';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { FROZEN_MS, GITHUB } from './fixtures/otps.ts';
import { expectServedPolicy, watchCspViolations } from './fixtures/csp.ts';
import { createVault } from './fixtures/vault.ts';
import { expectHomeCode, expectPreview, openAdd, saveTo } from './fixtures/add/flow.ts';
import { png, qrPicture } from './fixtures/add/qr-image.ts';

// Every step of the add flow under the Content-Security-Policy the worker sends: the lazily
// loaded chunks, the QR decode worker, the review and import screens need no inline script or style.

test.use({ serviceWorkers: 'block' });

test('the add flow runs under the production Content-Security-Policy', async ({ page }) => {
  await expectServedPolicy(page);
  const violations = await watchCspViolations(page);
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);

  const flow = await openAdd(page, 'Camera');
  // No camera in this browser: the scanner chunk still loads, then says so.
  await expect(page.getByRole('alert')).toContainText('No camera was found');
  await flow.getByRole('tab', { name: 'Setup key' }).click();
  await flow.getByText('Advanced').click();
  await flow.getByRole('tab', { name: 'Link' }).click();
  const [first, second] = formatMigrationUris(
    Array.from({ length: 11 }, (_, i) => ({ ...GITHUB, issuer: `Site ${i}` })),
    { batchId: 8 },
  );
  await flow.getByRole('textbox', { name: 'Link' }).fill(`${first}\n${second}`);
  await flow.getByRole('button', { name: 'Continue' }).click();
  // Both parts pasted at once go to the same review as Import > From links.
  await expect(flow.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  await flow.getByRole('button', { name: 'Back', exact: true }).click();
  await flow.getByRole('tab', { name: 'Image' }).click();
  await flow
    .locator('input[type=file]')
    .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png(qrPicture(formatOtpUri(GITHUB))) });
  await expectPreview(flow, GITHUB, FROZEN_MS);
  await saveTo(flow, 'Create a new record');
  await expectHomeCode(page, 'GitHub', GITHUB, FROZEN_MS);
  expect(violations).toEqual([]);
  // Requests still in flight when the page closes are not this test's concern.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});
