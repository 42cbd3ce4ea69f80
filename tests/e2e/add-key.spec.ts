import { expect, test } from '@playwright/test';
import { base32Decode } from '@tessera/core/otp/base32';
import type { Otp } from '@tessera/core/otp/types';
import { FROZEN_MS } from './fixtures/otps.ts';
import { createVault, seedRecords, unlock } from './fixtures/vault.ts';
import { GITHUB } from './fixtures/otps.ts';
import { codeRow, expectHomeCode, expectPreview, openAdd, saveTo } from './fixtures/add/flow.ts';

// Adding by typing the setup key: forgiving about spaces, dashes and case, precise about a
// character that cannot be in a key, and the advanced settings for other kinds of codes.
test.describe('add by setup key', () => {
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(FROZEN_MS);
    await createVault(page);
  });

  test('a key typed in groups, lower case, with dashes gives the code core gives', async ({ page }) => {
    const flow = await openAdd(page, 'Setup key');
    await flow.getByRole('textbox', { name: 'Setup key' }).fill('jbsw y3dp-ehpk 3pxp');
    await flow.getByLabel('Issuer').fill('Example');
    await flow.getByLabel('Account').fill('alice@example.com');
    const otp: Otp = {
      type: 'totp',
      secret: base32Decode('JBSWY3DPEHPK3PXP'),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      issuer: 'Example',
      account: 'alice@example.com',
    };
    await expectPreview(flow, otp, FROZEN_MS);
    await expect(flow.getByRole('region', { name: 'Check and save' }).getByText('Time-based (TOTP)')).toBeVisible();
    await expect(flow.getByText('6 digits · every 30 s · SHA1')).toBeVisible();
    await saveTo(flow, 'Create a new record');
    await expectHomeCode(page, 'Example', otp, FROZEN_MS);
  });

  test('a bad character is named as it is typed, and Save refuses the key', async ({ page }) => {
    const flow = await openAdd(page, 'Setup key');
    const key = flow.getByRole('textbox', { name: 'Setup key' });
    await key.fill('JBSW Y3D0');
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    await expect(
      flow.getByText(
        'Character 9 of the key: “0” is not used in setup keys. Setup keys use the letters A–Z and the digits 2–7. Did you mean the letter O?',
      ),
    ).toBeVisible();
    await flow.getByRole('button', { name: 'Save' }).click();
    await expect(flow.getByRole('alert')).toContainText('Character 9 of the key');
    await key.fill('JBSWY3D');
    await expect(flow.getByText(/A key of 7 characters cannot be complete/)).toHaveCount(0);
    await key.fill('JBSWY3');
    await expect(
      flow.getByText(
        'A key of 6 characters cannot be complete: a character is missing or one too many. Check the key against the website.',
      ),
    ).toBeVisible();
    await key.fill('');
    await flow.getByRole('button', { name: 'Save' }).click();
    await expect(flow.getByRole('alert')).toHaveText('Enter the setup key shown by the website.');
  });

  test('advanced settings: HOTP with a counter, 8 digits and SHA256', async ({ page }) => {
    const flow = await openAdd(page, 'Setup key');
    await flow.getByRole('textbox', { name: 'Setup key' }).fill('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    await flow.getByLabel('Issuer').fill('Old VPN');
    await flow.getByText('Advanced').click();
    await flow.getByLabel('Type').selectOption('hotp');
    await expect(flow.getByLabel('Period (seconds)')).toHaveCount(0);
    await flow.getByLabel('Algorithm').selectOption('SHA256');
    await flow.getByLabel('Digits').fill('8');
    await flow.getByLabel('Counter').fill('5');
    const otp: Otp = {
      type: 'hotp',
      secret: new TextEncoder().encode('12345678901234567890'),
      algorithm: 'SHA256',
      digits: 8,
      period: 30,
      counter: 5,
      issuer: 'Old VPN',
      account: '',
    };
    await expectPreview(flow, otp, FROZEN_MS);
    await expect(flow.getByText('8 digits · counter 5 · SHA256')).toBeVisible();
    await saveTo(flow, 'Create a new record');
    await expectHomeCode(page, 'Old VPN', otp, FROZEN_MS);
  });

  test('an out-of-range setting is named', async ({ page }) => {
    const flow = await openAdd(page, 'Setup key');
    await flow.getByRole('textbox', { name: 'Setup key' }).fill('JBSWY3DPEHPK3PXP');
    await flow.getByText('Advanced').click();
    await flow.getByLabel('Digits').fill('9');
    await flow.getByRole('button', { name: 'Save' }).click();
    await expect(flow.getByRole('alert')).toHaveText('Digits must be from 6 to 8; 9 is out of range.');
    await flow.getByLabel('Digits').fill('6');
    await flow.getByLabel('Period (seconds)').fill('0');
    await flow.getByRole('button', { name: 'Save' }).click();
    await expect(flow.getByRole('alert')).toHaveText('Period must be from 1 to 3600; 0 is out of range.');
  });

  test('Steam Guard codes', async ({ page }) => {
    const flow = await openAdd(page, 'Setup key');
    await flow.getByRole('textbox', { name: 'Setup key' }).fill('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    await flow.getByLabel('Issuer').fill('Steam');
    await flow.getByText('Advanced').click();
    await flow.getByLabel('Type').selectOption('steam');
    await expect(flow.getByLabel('Digits')).toHaveCount(0);
    const otp: Otp = {
      type: 'steam',
      secret: base32Decode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      counter: 0,
      issuer: 'Steam',
      account: '',
    };
    await expectPreview(flow, otp, FROZEN_MS);
    await saveTo(flow, 'Create a new record');
    await expectHomeCode(page, 'Steam', otp, FROZEN_MS);
  });

  test('one screen: key, live code and Save, then the list with the new row marked', async ({ page }) => {
    // Enough codes that the new one, last by name, is below the fold of a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await seedRecords(
      page,
      Array.from({ length: 24 }, (_, i) => ({ otp: { ...GITHUB, issuer: `Site ${String(i).padStart(2, '0')}` } })),
    );
    await page.reload();
    await unlock(page);
    const flow = await openAdd(page, 'Setup key');
    await expect(flow.getByRole('heading', { name: 'Check and save' })).toHaveCount(0);
    await flow.getByRole('textbox', { name: 'Setup key' }).fill('JBSWY3DPEHPK3PXP');
    await flow.getByLabel('Issuer').fill('Zulu');
    const otp: Otp = { ...GITHUB, secret: base32Decode('JBSWY3DPEHPK3PXP'), issuer: 'Zulu', account: '' };
    // The code shows on the same screen as the key, with no lone "Save to" choice.
    await expectPreview(flow, otp, FROZEN_MS);
    await expect(flow.getByRole('group', { name: 'Save to' })).toHaveCount(0);
    await expect(flow.getByRole('radio')).toHaveCount(0);
    await flow.getByRole('button', { name: 'Save' }).click();
    // Back on the codes list, not the record page, with the new row in view and marked.
    await expect(page.getByRole('region', { name: 'Add a code' })).toHaveCount(0);
    await expect(page).toHaveURL(/#\/?$/);
    await expect(codeRow(page, 'Zulu')).toBeInViewport();
    await expect(codeRow(page, 'Zulu')).toHaveClass(/row-marked/);
    await expectHomeCode(page, 'Zulu', otp, FROZEN_MS);
    // The mark is brief.
    await expect(codeRow(page, 'Zulu')).not.toHaveClass(/row-marked/, { timeout: 5_000 });
  });
});
