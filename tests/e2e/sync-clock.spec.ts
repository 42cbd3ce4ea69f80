import { expect, test } from '@playwright/test';
import { base32Decode } from '@tessera/core/otp/base32';
import { otpCode } from '@tessera/core/otp/code';
import { createVault } from './fixtures/vault.ts';
import { GITHUB } from './fixtures/otps.ts';
import { addRecord, BANK, BANK_KEY, expectAccessible, row } from './sync-helpers.ts';

// The clock check: a device clock 90 s slow is measured against the server's, the warning offers
// to correct codes, and the corrected codes are the ones for the true time.
test.describe.configure({ timeout: 120_000 });

const otp = { ...GITHUB, secret: base32Decode(BANK_KEY) };
/** The codes around the true time (a step may turn over between reading and comparing). */
const trueCodes = () => new Set([-3_000, 0, 3_000].map((d) => otpCode(otp, Date.now() + d).code));

test('a clock 90 s slow is found, and "Correct codes" makes the codes right', async ({ page }) => {
  await page.clock.install({ time: Date.now() - 90_000 });
  await createVault(page);
  await addRecord(page, BANK, BANK_KEY);
  const code = row(page, BANK.title).locator('.row-code');
  expect(trueCodes().has((await code.getAttribute('data-code'))!)).toBe(false);

  // A local vault checks only when asked (Settings); with sync on it checks by itself.
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Check the clock' }).click();
  await expect(page.getByTestId('clock-status')).toHaveText(
    /^Device clock 1 min (29|30|31) s behind \(±1 s\): codes may be refused\.$/,
    { timeout: 20_000 },
  );
  const banner = page.locator('.clock-banner');
  await expect(banner).toContainText(/This device's clock is 1 min (29|30|31) s behind: codes may be refused\./);

  await expectAccessible(page, 'settings with the clock warning');
  await page.goto('/#/account');
  await expectAccessible(page, 'turn on sync');
  await page.goto('/#/settings');
  await banner.getByRole('button', { name: 'Correct codes' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByText(/^Codes are corrected by 1 min (29|30|31) s forward\.$/)).toBeVisible();
  await expect.poll(async () => trueCodes().has((await code.getAttribute('data-code'))!)).toBe(true);

  // The correction is a setting: it survives a reload, and can be turned off.
  await page.reload();
  await page.getByLabel('Master password').fill('violet tractor 42 meadow lantern');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect
    .poll(async () => trueCodes().has((await code.getAttribute('data-code')) ?? ''), { timeout: 20_000 })
    .toBe(true);
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Stop correcting' }).click();
  await expect.poll(async () => trueCodes().has((await code.getAttribute('data-code'))!)).toBe(false);
});
