import { AxeBuilder } from './fixtures/axe.ts';
import { expect, test, type Page } from '@playwright/test';
import { base32Decode } from '@tessera/core/otp/base32';
import { otpCode } from '@tessera/core/otp/code';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { BANK, COUNTER, FROZEN_MS, GITHUB } from './fixtures/otps.ts';
import { createVault, seedRecords, unlock } from './fixtures/vault.ts';

// Records: add with an OTP through the record editor, edit, delete with undo, restore from
// Recently deleted, and the password generator.
const row = (page: Page, name: string) => page.locator('.row', { has: page.locator('.row-name', { hasText: name }) });

test.describe('records', () => {
  test('a new record with a setup key shows its code at once and survives a lock', async ({ page }) => {
    await page.clock.setFixedTime(FROZEN_MS);
    await createVault(page);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('menuitem', { name: 'New login record' }).click();
    await page.getByLabel('Title').fill('Mastodon');
    await page.getByLabel('Username or email').fill('ada@social.example');
    await page.getByRole('button', { name: 'Enter a setup key' }).click();
    await page.getByLabel('Setup key or otpauth:// link').fill('jbsw y3dp-ehpk 3pxp');
    await page.getByLabel('Account').fill('ada');
    await page.getByRole('button', { name: 'Add record' }).click();

    const expected = otpCode({ ...GITHUB, secret: base32Decode('JBSWY3DPEHPK3PXP') }, FROZEN_MS).code;
    await expect(page.getByRole('heading', { name: 'Mastodon', level: 1 })).toBeVisible();
    await expect(page.locator('.otp-code')).toHaveAttribute('data-code', expected);
    await expect(row(page, 'Mastodon').locator('.row-code')).toHaveAttribute('data-code', expected);

    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await unlock(page);
    await expect(row(page, 'Mastodon').locator('.row-code')).toHaveAttribute('data-code', expected);
  });

  test('an invalid setup key gets a precise message', async ({ page }) => {
    await createVault(page);
    await page.goto('/#/new');
    await page.getByLabel('Title').fill('Broken');
    await page.getByRole('button', { name: 'Enter a setup key' }).click();
    await page.getByLabel('Setup key or otpauth:// link').fill('JBSW Y3DP 1HPK');
    await page.getByRole('button', { name: 'Add record' }).click();
    await expect(page.getByRole('alert')).toContainText('1');
    await expect(page.getByRole('alert')).toContainText(/position|character/i);
  });

  test('a code-only entry edits as a code: names and tags first, login fields folded', async ({ page }) => {
    await createVault(page);
    await seedRecords(page, [{ otp: GITHUB }]);
    await page.reload();
    await unlock(page);
    await page.getByRole('button', { name: 'Details of GitHub' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const form = page.locator('form.editor');
    await expect(form.getByRole('textbox').first()).toHaveAccessibleName('Issuer');
    await expect(form.getByLabel('Issuer')).toHaveValue('GitHub');
    await expect(form.getByLabel('Account')).toHaveValue('ada@example.com');
    await expect(form.getByLabel('Title')).toHaveCount(0);
    await expect(form.getByLabel('Password', { exact: true })).toHaveCount(0);
    // No grey example text that reads like a value.
    await expect(form.locator('[placeholder]')).toHaveCount(0);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
      [],
    );
    await form.getByLabel('Tags').fill('work');
    await form.getByRole('button', { name: 'Add login details' }).click();
    await expect(form.getByLabel('Title')).toBeFocused();
    await form.getByLabel('Username or email').fill('ada');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    // Now a login too: the login fields come first again.
    await expect(page.locator('form.editor').getByRole('textbox').first()).toHaveAccessibleName('Title');
  });

  test('a title typed before a link is pasted stays the title; the issuer is the link’s', async ({ page }) => {
    await createVault(page);
    await page.goto('/#/new');
    await page.getByLabel('Title').fill('My bank');
    await page.getByRole('button', { name: 'Enter a setup key' }).click();
    await expect(page.getByLabel('Issuer')).toHaveValue('My bank');
    await page.getByLabel('Setup key or otpauth:// link').fill(formatOtpUri(BANK));
    await expect(page.getByLabel('Issuer')).toHaveValue('Example Bank');
    await expect(page.getByLabel('Account')).toHaveValue('ada');
    await page.getByRole('button', { name: 'Add record' }).click();
    await expect(page.getByRole('heading', { name: 'My bank', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Edit' }).click();
    await expect(page.getByLabel('Issuer')).toHaveValue('Example Bank');
    await expect(page.getByLabel('Title')).toHaveValue('My bank');
  });

  test('edit, delete with undo, and restore from Recently deleted', async ({ page }) => {
    await createVault(page);
    await seedRecords(page, [{ otp: GITHUB, title: 'GitHub', username: 'ada' }]);
    await page.reload();
    await unlock(page);

    await row(page, 'GitHub').getByRole('button', { name: 'Details of GitHub' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Notes').fill('Backup codes in the drawer.');
    await page.getByLabel('Tags').fill('work, code');
    await page.getByLabel('Issuer').fill('GitHub Enterprise');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Backup codes in the drawer.')).toBeVisible();
    await expect(page.locator('.tag')).toHaveText(['work', 'code']);

    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(row(page, 'GitHub')).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(row(page, 'GitHub')).toHaveCount(1);

    await row(page, 'GitHub').getByRole('button', { name: 'Details of GitHub' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(row(page, 'GitHub')).toHaveCount(0);
    await page.goto('/#/deleted');
    await page.getByRole('button', { name: 'Restore GitHub' }).click();
    await expect(page.getByRole('heading', { name: 'Nothing deleted' })).toBeVisible();
    await expect(row(page, 'GitHub')).toHaveCount(1);
  });

  test('relabelling an HOTP entry keeps a counter advanced while the editor was open', async ({ page }) => {
    await createVault(page);
    await seedRecords(page, [{ otp: COUNTER, title: 'Old VPN' }]);
    await page.reload();
    await unlock(page);

    // Desktop layout: the list stays beside the editor, so the counter can move under it.
    await row(page, 'Old VPN').getByRole('button', { name: 'Details of Old VPN' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await row(page, 'Old VPN').getByRole('button', { name: 'Next code for Old VPN' }).click();
    // RFC 4226 Appendix D: counter 1 → 287082.
    await expect(row(page, 'Old VPN').locator('.row-code')).toHaveAttribute('data-code', '287082');
    await page.getByLabel('Issuer').fill('Office VPN');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('button', { name: 'Edit' })).toBeVisible();
    await expect(row(page, 'Old VPN').locator('.row-code')).toHaveAttribute('data-code', '287082');
  });

  test('the password generator fills the password field', async ({ page }) => {
    await createVault(page);
    await page.goto('/#/new');
    await page.getByLabel('Title').fill('Forum');
    await page.getByRole('button', { name: 'Generate a password' }).click();
    await page.getByLabel(/Length/).fill('32');
    await page.getByRole('button', { name: 'Use this password' }).click();
    const password = await page.getByLabel('Password', { exact: true }).inputValue();
    expect(password).toHaveLength(32);
    await page.getByRole('button', { name: 'Add record' }).click();
    await page.getByRole('button', { name: 'Show password' }).click();
    await expect(page.locator('.field-value.mono')).toHaveText(password);
  });

  test('a second tab of the same vault sees edits at once', async ({ page, context }) => {
    await createVault(page);
    await seedRecords(page, [{ otp: GITHUB, title: 'GitHub' }]);
    await page.reload();
    await unlock(page);
    const other = await context.newPage();
    await other.goto('/');
    await unlock(other);
    await row(page, 'GitHub').getByRole('button', { name: 'Details of GitHub' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Title').fill('GitHub (work)');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(row(other, 'GitHub (work)')).toHaveCount(1);
  });
});
