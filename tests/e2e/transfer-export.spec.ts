import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { base32Decode } from '@tessera/core/otp/base32';
import { parseMigrationUri } from '@tessera/core/otp/migration';
import type { Otp } from '@tessera/core/otp/types';
import { formatOtpUri, parseOtpUri } from '@tessera/core/otp/uri';
import { importBackup } from '@tessera/core/transfer/backup';
import type { RecordInput } from '@tessera/core/vault/record';
import { watchCspViolations } from './fixtures/csp.ts';
import { expectHomeCode } from './fixtures/add/flow.ts';
import { BANK, COUNTER, FROZEN_MS, GITHUB, STEAM } from './fixtures/otps.ts';
import { chooseFile, openExport, openImport, openTransfer, recordCount } from './fixtures/transfer/transfer.ts';
// The QR codes are read off the screen the way another device would (see fixtures/twofa/qr.ts):
// zxing's own detector misses a few percent of dense codes drawn at fractional module sizes.
import { readRenderedQr } from './fixtures/twofa/qr.ts';
import { createVault, PASSWORD, seedRecords, unlock } from './fixtures/vault.ts';

// Settings > Import / Export > Export, through the UI: the encrypted backup (downloaded, then
// imported into a fresh vault in another browser context), the otpauth:// list and the Google
// Authenticator QR codes behind the master password, read back from the screen by a QR reader.

test.use({ serviceWorkers: 'block' });

const BACKUP_PASSWORD = 'quiet harbour 7 lantern moss';
const GITHUB_LOGIN: RecordInput = {
  otp: GITHUB,
  title: 'GitHub',
  url: 'https://github.com',
  username: 'ada',
  password: 'correct-horse-battery',
  notes: 'Recovery codes are in the safe.',
  tags: ['work'],
};
const NOTE_ONLY: RecordInput = { title: 'Wi-Fi', notes: 'Guest network: tessera-guest' };

let violations: string[];
test.beforeEach(async ({ page }) => {
  violations = await watchCspViolations(page);
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
});
test.afterEach(() => {
  expect(violations).toEqual([]);
});

async function seed(page: Page, inputs: RecordInput[]): Promise<string[]> {
  const ids = await seedRecords(page, inputs);
  await page.reload();
  await unlock(page);
  return ids;
}

function secretOf(otp: Otp): string {
  return Buffer.from(otp.secret).toString('hex');
}

test('an encrypted backup, downloaded, opens in a fresh vault in another browser with the same codes', async ({
  page,
  browser,
}) => {
  // Three Argon2 derivations (two vaults and the backup's own key) and a second browser context.
  test.setTimeout(120_000);
  await seed(page, [
    GITHUB_LOGIN,
    { otp: BANK, title: 'Example Bank' },
    { otp: COUNTER },
    { otp: STEAM, favourite: true },
    NOTE_ONLY,
  ]);
  // Codes that exist nowhere else: the codes screen says so until a backup exists.
  await expect(page.locator('.backup-reminder')).toContainText('Your codes are only on this device');
  const screen = await openExport(page, 'Encrypted backup');
  await expect(screen).toContainText('A file with every record (5 records');

  const password = screen.getByLabel('Backup password', { exact: true });
  const repeat = screen.getByLabel('Repeat the backup password');
  await password.fill('short');
  await repeat.fill('short');
  await screen.getByRole('button', { name: 'Create the backup' }).click();
  await expect(screen.getByRole('alert')).toHaveText('Use at least 8 characters.');
  await password.fill(BACKUP_PASSWORD);
  await repeat.fill(`${BACKUP_PASSWORD}!`);
  await screen.getByRole('button', { name: 'Create the backup' }).click();
  await expect(screen.getByRole('alert')).toHaveText('The two passwords do not match.');
  await repeat.fill(BACKUP_PASSWORD);
  const downloading = page.waitForEvent('download');
  await screen.getByRole('button', { name: 'Create the backup' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('tessera-backup-2026-11-22.tessera');
  await expect(screen.getByRole('status').filter({ hasText: 'Saved tessera-backup-2026-11-22.tessera' })).toContainText(
    '(5 records)',
  );
  await expect(password).toHaveValue('');
  await page.goto('/#/');
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
  await expect(page.locator('.backup-reminder')).toHaveCount(0);
  // Settings > Storage shows what the browser answered when the vault was created.
  const persisted = await page.evaluate(async () =>
    (await navigator.storage.persisted()) ? 'persistent' : 'best-effort',
  );
  await page.goto('/#/settings');
  await expect(page.getByTestId('storage-persistence')).toHaveAttribute('data-persistence', persisted);
  const file = readFileSync((await download.path())!);

  // The file itself, read by core in Node: every record with its login and OTP.
  const restored = await importBackup(new Uint8Array(file), BACKUP_PASSWORD);
  expect(restored.entries).toHaveLength(5);
  expect(restored.entries.find((entry) => entry.login?.title === 'GitHub')?.login).toMatchObject({
    username: 'ada',
    password: 'correct-horse-battery',
    notes: GITHUB_LOGIN.notes,
    tags: ['work'],
  });

  // A new device: another browser context, a vault with another master password.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const other = await context.newPage();
  await other.clock.setFixedTime(FROZEN_MS);
  await createVault(other, 'another long master password 99');
  const importing = await openImport(other);
  await chooseFile(importing, download.suggestedFilename(), file);
  await expect(importing).toContainText('is an encrypted Tessera backup');
  await importing.getByLabel('Password of the file').fill(BACKUP_PASSWORD);
  await importing.getByRole('button', { name: 'Open' }).click();
  await expect(importing.getByRole('list', { name: 'Entries' }).getByRole('listitem')).toHaveCount(5);
  await importing.getByRole('button', { name: 'Import 5 entries' }).click();
  await importing.getByRole('button', { name: 'Show the codes' }).click();
  await expectHomeCode(other, 'GitHub', GITHUB, FROZEN_MS);
  await expectHomeCode(other, 'Example Bank', BANK, FROZEN_MS);
  await expectHomeCode(other, 'Old VPN', COUNTER, FROZEN_MS);
  await expectHomeCode(other, 'Steam', STEAM, FROZEN_MS);
  expect(await recordCount(other)).toBe(5);
  await other.locator('.row', { hasText: 'GitHub' }).getByRole('button', { name: 'Details of GitHub' }).click();
  await expect(other.getByText('Recovery codes are in the safe.')).toBeVisible();
  await context.close();
});

test('the otpauth:// list needs the master password and holds every code', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await seed(page, [GITHUB_LOGIN, { otp: BANK }, { otp: STEAM }, NOTE_ONLY]);
  const screen = await openExport(page, 'otpauth:// links');
  await expect(screen.locator('.callout-warning')).toContainText('This shows every secret in plain text.');
  const list = screen.getByRole('textbox', { name: 'otpauth:// links' });
  await expect(list).toHaveCount(0);

  await screen.getByRole('button', { name: 'Show the links' }).click();
  await expect(screen.getByRole('alert')).toHaveText('Enter your master password.');
  await screen.getByLabel('Master password').fill('violet tractor 42 meadow lanterns');
  await screen.getByRole('button', { name: 'Show the links' }).click();
  await expect(screen.getByRole('alert')).toHaveText('That is not your master password.');
  await expect(list).toHaveCount(0);
  await screen.getByLabel('Master password').fill(PASSWORD);
  await screen.getByRole('button', { name: 'Show the links' }).click();

  const expected = [GITHUB, BANK, STEAM].map(formatOtpUri).sort();
  await expect(list).toBeVisible();
  const shown = (await list.inputValue()).split('\n').filter(Boolean);
  expect([...shown].sort()).toEqual(expected);
  await expect(screen).toContainText('3 codes, one link per line.');

  const downloading = page.waitForEvent('download');
  await screen.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('tessera-otpauth-2026-11-22.txt');
  expect(
    readFileSync((await download.path())!, 'utf8')
      .split('\n')
      .filter(Boolean)
      .sort(),
  ).toEqual(expected);

  await screen.getByRole('button', { name: 'Copy' }).click();
  expect((await page.evaluate(() => navigator.clipboard.readText())).split('\n').filter(Boolean).sort()).toEqual(
    expected,
  );

  await screen.getByRole('button', { name: 'Hide' }).click();
  await expect(list).toHaveCount(0);
  await expect(screen.getByLabel('Master password')).toHaveValue('');
});

test('Google Authenticator QR codes: ten accounts each, read back from the screen; what cannot go is listed', async ({
  page,
}) => {
  const otps: Otp[] = Array.from({ length: 12 }, (_, i) => ({
    ...GITHUB,
    secret: base32Decode(`JBSWY3DPEHPK3PX${'ABCDEFGHIJKL'[i]}`),
    issuer: `Site ${i + 1}`,
    account: `ada${i}@example.com`,
  }));
  const sevenDigits: Otp = { ...GITHUB, digits: 7, issuer: 'Seven', account: 'ada' };
  await seed(page, [...otps.map((otp) => ({ otp })), { otp: STEAM }, { otp: sevenDigits }]);
  const screen = await openExport(page, 'Google Authenticator QR codes');
  await expect(screen.locator('.callout-warning')).toContainText('These QR codes hold every secret.');
  await screen.getByLabel('Master password').fill(PASSWORD);
  await screen.getByRole('button', { name: 'Show the QR codes' }).click();

  const read: Otp[] = [];
  const qr = screen.getByRole('img', { name: /^QR code \d of 2$/ });
  await expect(screen.getByText('QR code 1 of 2', { exact: true })).toBeVisible();
  const first = parseMigrationUri(await readRenderedQr(qr));
  expect(first.batch).toMatchObject({ index: 0, size: 2 });
  read.push(...first.otps);
  await screen.getByRole('button', { name: 'Next' }).click();
  await expect(screen.getByText('QR code 2 of 2', { exact: true })).toBeVisible();
  await expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  const second = parseMigrationUri(await readRenderedQr(qr));
  expect(second.batch).toMatchObject({ index: 1, size: 2, id: first.batch.id });
  read.push(...second.otps);
  expect(first.otps).toHaveLength(10);
  const key = (otp: Otp) =>
    `${otp.issuer}|${otp.account}|${secretOf(otp)}|${otp.digits}|${otp.period}|${otp.algorithm}`;
  expect(read.map(key).sort()).toEqual(otps.map(key).sort());

  const skipped = screen.getByRole('region', { name: 'Not included (2)' });
  await expect(skipped.getByRole('listitem')).toHaveText([
    'Seven: ada — cannot be exported for Google Authenticator: it has only 6 or 8 digits, not 7',
    'Steam: ada_plays — cannot be exported for Google Authenticator: it has no Steam codes',
  ]);
});

test('one record as a QR code, behind the master password', async ({ page }) => {
  const [id] = await seed(page, [GITHUB_LOGIN, { otp: BANK }]);
  const overview = await openTransfer(page);
  await overview.getByLabel('Record').selectOption({ label: 'GitHub · ada@example.com' });
  await overview.getByRole('button', { name: 'Show QR code' }).click();
  const screen = page.getByRole('region', { name: 'QR code' });
  await expect(screen.getByRole('heading', { name: 'QR code of GitHub' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/transfer/qr/${id}$`));
  await screen.getByLabel('Master password').fill(PASSWORD);
  await screen.getByRole('button', { name: 'Show the QR code' }).click();
  const shown = parseOtpUri(await readRenderedQr(screen.getByRole('img', { name: 'QR code of GitHub' })));
  expect({ ...shown, secret: secretOf(shown) }).toEqual({ ...GITHUB, secret: secretOf(GITHUB) });
  await screen.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { name: 'GitHub', level: 1 })).toBeVisible();
});

test('a large vault finds its one record by name rather than listing every one', async ({ page }) => {
  await seed(
    page,
    Array.from({ length: 150 }, (_, i) => ({ otp: { ...BANK, issuer: `Site ${i}`, account: `user${i}@example.com` } })),
  );
  const overview = await openTransfer(page);
  const search = overview.getByLabel('Search by name');
  const record = overview.getByLabel('Record', { exact: true });
  await expect(
    overview.getByText('150 match; the first 100 are listed. Type more of a name to narrow them.'),
  ).toBeVisible();
  await expect(record.locator('option')).toHaveCount(101);
  await search.fill('site 142');
  await expect(overview.getByText('1 record matches.')).toBeVisible();
  await record.selectOption({ label: 'Site 142 · user142@example.com' });
  // A search that leaves the chosen record out takes the choice away.
  await search.fill('nothing like it');
  await expect(overview.getByText('No record with a code matches.')).toBeVisible();
  await expect(overview.getByRole('button', { name: 'Show QR code' })).toBeDisabled();
  await search.fill('site 142');
  await record.selectOption({ label: 'Site 142 · user142@example.com' });
  await overview.getByRole('button', { name: 'Show QR code' }).click();
  await expect(
    page.getByRole('region', { name: 'QR code' }).getByRole('heading', { name: 'QR code of Site 142' }),
  ).toBeVisible();
});

test('the record screen opens the QR code of its own OTP', async ({ page }) => {
  const [id] = await seed(page, [GITHUB_LOGIN]);
  await page.getByRole('button', { name: 'Details of GitHub' }).click();
  await page.getByRole('button', { name: 'Show QR code' }).click();
  await expect(page).toHaveURL(new RegExp(`#/transfer/qr/${id}$`));
  await expect(
    page.getByRole('region', { name: 'QR code' }).getByRole('heading', { name: 'QR code of GitHub' }),
  ).toBeVisible();
});

test('a vault without codes: the exports say so once the master password is given', async ({ page }) => {
  await seed(page, [NOTE_ONLY]);
  const links = await openExport(page, 'otpauth:// links');
  await links.getByLabel('Master password').fill(PASSWORD);
  await links.getByRole('button', { name: 'Show the links' }).click();
  await expect(links.getByText('No record in this vault has a code.')).toBeVisible();
  await expect(links.getByLabel('Master password')).toHaveCount(0);

  const google = await openExport(page, 'Google Authenticator QR codes');
  await google.getByLabel('Master password').fill(PASSWORD);
  await google.getByRole('button', { name: 'Show the QR codes' }).click();
  await expect(google.getByText('No code in this vault can go to Google Authenticator.')).toBeVisible();
  await expect(google.getByRole('img')).toHaveCount(0);

  const overview = await openTransfer(page);
  await expect(overview.getByText('No record in this vault has a code yet.')).toBeVisible();
});
