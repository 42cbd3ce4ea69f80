import { expect, test, type Page } from '@playwright/test';
import { formatMigrationUris } from '@tessera/core/otp/migration';
import type { Otp } from '@tessera/core/otp/types';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { BANK, FROZEN_MS, GITHUB } from './fixtures/otps.ts';
import { createVault, seedRecords, unlock } from './fixtures/vault.ts';
import { codeRow, expectHomeCode, expectPreview, openAdd, saveTo } from './fixtures/add/flow.ts';

// Adding by pasting a link: otpauth:// for one account, otpauth-migration:// for a Google
// Authenticator export in several parts; where the OTP goes (an existing record or a new one);
// and the message for each kind of bad link.

// One readable otpauth:// link is checked on the Link tab itself (no Continue); several links,
// an export or a link that cannot be read go on with Continue.
async function paste(page: Page, text: string) {
  const flow = page.getByRole('region', { name: 'Add a code' });
  await flow.getByRole('textbox', { name: 'Link' }).fill(text);
  const next = flow.getByRole('button', { name: 'Continue' });
  if ((await next.count()) > 0) await next.click();
  return flow;
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
});

test('an otpauth:// link: preview, new record, the code on the home screen', async ({ page }) => {
  await openAdd(page, 'Link');
  const flow = await paste(page, formatOtpUri(BANK));
  await expectPreview(flow, BANK, FROZEN_MS);
  await expect(flow.getByRole('textbox', { name: 'Issuer' })).toHaveValue('Example Bank');
  await expect(flow.getByRole('textbox', { name: 'Account' })).toHaveValue('ada');
  await expect(flow.getByText('8 digits · every 60 s · SHA256')).toBeVisible();
  await saveTo(flow, 'Create a new record');
  await expectHomeCode(page, 'Example Bank', BANK, FROZEN_MS);
});

test('each kind of bad link gets its own message', async ({ page }) => {
  await openAdd(page, 'Link');
  const alert = page.getByRole('alert');
  const cases: Array<[string, string]> = [
    ['otpauth://totp/Example?issuer=Example', 'The link has no secret key (secret=…), so no code can be made from it.'],
    [
      'otpauth://motp/Example?secret=JBSWY3DP',
      'This code is of a kind Tessera does not know; it supports TOTP, HOTP and Steam.',
    ],
    ['otpauth://totp/Example?secret=JBSW0Y3DP', 'The secret key in this code cannot be used'],
    [
      'otpauth://totp/Example?secret=JBSWY3DP&digits=12',
      'The code asks for a number of digits Tessera does not support (6 to 8; 5 for Steam).',
    ],
    ['otpauth://hotp/Example?secret=JBSWY3DP', 'This counter-based (HOTP) link has no counter value.'],
    ['https://example.com/2fa/setup', 'This is a link to a web page (example.com), not an authenticator setup code.'],
    ['JBSWY3DPEHPK3PXP', 'This is not an authenticator setup code: it should start with otpauth://'],
    [
      'otpauth-migration://offline?data=AAAA%',
      'The Google Authenticator export is damaged or cut short. Scan or copy it again.',
    ],
  ];
  for (const [link, message] of cases) {
    await paste(page, link);
    await expect(alert).toContainText(message);
  }
  // The precise reason from core is shown too, naming the bad character.
  await paste(page, 'otpauth://totp/Example?secret=JBSW0Y3DP');
  await expect(alert).toContainText("'0'");
  // A refused link stays in the field to be corrected.
  await expect(page.getByRole('textbox', { name: 'Link' })).toHaveValue('otpauth://totp/Example?secret=JBSW0Y3DP');
});

test('a Google Authenticator export in two parts imports every entry as a new record', async ({ page }) => {
  const otps: Otp[] = Array.from({ length: 11 }, (_, i) => ({
    ...GITHUB,
    secret: new TextEncoder().encode(`secret-of-service-${String(i + 1).padStart(2, '0')}`),
    issuer: `Service ${String(i + 1).padStart(2, '0')}`,
    account: `ada${i + 1}@example.com`,
  }));
  const [first, second] = formatMigrationUris(otps, { batchId: 4242 });
  await openAdd(page, 'Link');
  const flow = await paste(page, first!);
  await expect(flow.getByRole('status').filter({ hasText: 'Batch 1 of 2 scanned, scan the next.' })).toBeVisible();
  // The same part again is recognised, not counted twice.
  await paste(page, first!);
  await expect(
    flow.getByRole('status').filter({ hasText: 'Batch 1 of 2 was already scanned, scan the next.' }),
  ).toBeVisible();
  await paste(page, second!);
  await expect(flow.getByRole('heading', { name: 'Import 11 accounts' })).toBeVisible();
  await expect(flow.locator('.add-import-item')).toHaveCount(11);
  await flow.getByRole('button', { name: 'Import 11 accounts' }).click();
  for (const otp of otps) await expectHomeCode(page, otp.issuer, otp, FROZEN_MS);
});

test('several links pasted at once all go to the import review; Back keeps them in the field', async ({ page }) => {
  test.slow();
  const otps: Otp[] = Array.from({ length: 20 }, (_, i) => ({
    ...GITHUB,
    secret: new TextEncoder().encode(`pasted-secret-${String(i + 1).padStart(2, '0')}`),
    issuer: `Site ${String(i + 1).padStart(2, '0')}`,
    account: `ada${i + 1}@example.com`,
  }));
  // Twenty good links and one without a secret: each gets a row or a reason.
  const text = [...otps.map((otp) => formatOtpUri(otp)), 'otpauth://totp/Broken?issuer=Broken'].join('\n');
  await openAdd(page, 'Link');
  const flow = await paste(page, text);
  await expect(flow.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  await expect(flow.getByRole('list', { name: 'Entries' }).getByRole('listitem')).toHaveCount(20);
  await expect(flow.getByRole('region', { name: 'Could not be read (1)' })).toContainText('Broken');
  await flow.getByRole('button', { name: 'Back' }).click();
  await expect(flow.getByRole('textbox', { name: 'Link' })).toHaveValue(text);
  await flow.getByRole('button', { name: 'Continue' }).click();
  await flow.getByRole('button', { name: 'Import 20 entries' }).click();
  await expect(flow.getByRole('status').filter({ hasText: '20 accounts were imported' })).toBeVisible();
  await flow.getByRole('button', { name: 'Done' }).click();
  // The codes list is windowed: each site is looked up by search to see its code.
  const search = page.getByRole('searchbox', { name: 'Search codes and logins' });
  for (const otp of otps) {
    await search.fill(otp.issuer);
    await expectHomeCode(page, otp.issuer, otp, FROZEN_MS);
  }
});

test('one link is checked under the field it was pasted in, with no Back and no Continue', async ({ page }) => {
  await openAdd(page, 'Link');
  const flow = await paste(page, formatOtpUri(BANK));
  await expectPreview(flow, BANK, FROZEN_MS);
  await expect(flow.getByRole('textbox', { name: 'Link' })).toHaveValue(formatOtpUri(BANK));
  await expect(flow.getByRole('button', { name: 'Back' })).toHaveCount(0);
  await expect(flow.getByRole('button', { name: 'Continue' })).toHaveCount(0);
  // Editing the link away from a readable one takes the check away again.
  await flow.getByRole('textbox', { name: 'Link' }).fill('otpauth://totp/Example?issuer=Example');
  await expect(flow.getByRole('heading', { name: 'Check and save' })).toHaveCount(0);
  await expect(flow.getByRole('button', { name: 'Continue' })).toBeVisible();
});

test('entries already in the vault start unticked in an export', async ({ page }) => {
  await seedRecords(page, [{ otp: GITHUB }]);
  await page.reload();
  await unlock(page);
  // Google Authenticator exports carry 30 s codes only.
  const bank: Otp = { ...BANK, period: 30 };
  const [uri] = formatMigrationUris([GITHUB, bank], { batchId: 7 });
  await openAdd(page, 'Link');
  const flow = await paste(page, uri!);
  await expect(flow.getByRole('checkbox', { name: /GitHub/ })).not.toBeChecked();
  await expect(flow.getByText('Already in your vault')).toBeVisible();
  await flow.getByRole('button', { name: 'Import 1 account' }).click();
  await expectHomeCode(page, 'Example Bank', bank, FROZEN_MS);
  await expect(page.locator('.row-name', { hasText: 'GitHub' })).toHaveCount(1);
});

test.describe('where the OTP goes', () => {
  test.beforeEach(async ({ page }) => {
    await seedRecords(page, [
      { title: 'GitHub', url: 'https://github.com/login', username: 'ada@example.com' },
      { title: 'Library', username: 'ada' },
    ]);
    await page.reload();
    await unlock(page);
  });

  test('attached to the suggested record: that record shows the code, no new record', async ({ page }) => {
    await openAdd(page, 'Link');
    const flow = await paste(page, formatOtpUri(GITHUB));
    const suggested = flow.getByRole('radio', { name: /Add to “GitHub”/ });
    await expect(suggested).toBeChecked();
    await expect(flow.locator('.add-target-suggested')).toContainText('Suggested');
    await flow.getByRole('button', { name: 'Save' }).click();
    await expectHomeCode(page, 'GitHub', GITHUB, FROZEN_MS);
    await page.getByRole('button', { name: 'All items' }).click();
    await expect(page.locator('.row-name')).toHaveText(['GitHub', 'Library']);
  });

  test('created as a new record: the login stays as it was', async ({ page }) => {
    await openAdd(page, 'Link');
    const flow = await paste(page, formatOtpUri(GITHUB));
    await saveTo(flow, 'Create a new record');
    await expectHomeCode(page, 'GitHub', GITHUB, FROZEN_MS);
    await page.getByRole('button', { name: 'All items' }).click();
    await expect(page.locator('.row-name', { hasText: 'GitHub' })).toHaveCount(2);
  });

  test('attached to another record found by search', async ({ page }) => {
    await openAdd(page, 'Link');
    const flow = await paste(page, formatOtpUri(BANK));
    await flow.getByRole('button', { name: 'Add to another record…' }).click();
    await flow.getByRole('searchbox', { name: 'Find a record' }).fill('libr');
    await saveTo(flow, /Add to “Library”/);
    await expectHomeCode(page, 'Library', BANK, FROZEN_MS);
    await expect(codeRow(page, 'Example Bank')).toHaveCount(0);
  });
});
