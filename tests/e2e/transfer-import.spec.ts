import { readFileSync } from 'node:fs';
import { AxeBuilder } from './fixtures/axe.ts';
import { expect, test } from '@playwright/test';
import { importAegis } from '@tessera/core/transfer/aegis';
import { formatMigrationUris } from '@tessera/core/otp/migration';
import { formatOtpUri } from '@tessera/core/otp/uri';
import type { Otp } from '@tessera/core/otp/types';
import { expectServedPolicy, watchCspViolations } from './fixtures/csp.ts';
import { expectHomeCode } from './fixtures/add/flow.ts';
import { png, qrPicture } from './fixtures/add/qr-image.ts';
import { BANK, FROZEN_MS, GITHUB } from './fixtures/otps.ts';
import {
  chooseFile,
  coreFixture,
  FIXTURE_PASSWORDS,
  openExport,
  openImport,
  recordCount,
  SAMPLE_OTPS,
} from './fixtures/transfer/transfer.ts';
import { createVault } from './fixtures/vault.ts';

// Settings > Import / Export > Import, through the UI: core's fixture files picked as a user
// picks them, the file's password asked and asked again, the preview, and what lands in the vault.

test.use({ serviceWorkers: 'block' });

let violations: string[];
test.beforeEach(async ({ page }) => {
  violations = await watchCspViolations(page);
  await page.clock.setFixedTime(FROZEN_MS);
  await createVault(page);
});
test.afterEach(() => {
  // Every step below runs under the worker's production Content-Security-Policy.
  expect(violations).toEqual([]);
});

/** Row names on the codes list: the issuer, as the records have no title. */
const NAMES = SAMPLE_OTPS.map((otp) => otp.issuer);

test('an encrypted Aegis backup: wrong password, then the right one, preview and import', async ({ page }) => {
  await expectServedPolicy(page);
  const screen = await openImport(page);
  await chooseFile(screen, 'aegis-backup-20261122.json', coreFixture('aegis-encrypted.json'));

  await expect(screen.getByRole('heading', { name: "Enter the file's password" })).toBeVisible();
  await expect(screen).toContainText('aegis-backup-20261122.json is an encrypted Aegis backup');
  const password = screen.getByLabel('Password of the file');
  await password.fill('not the password');
  await screen.getByRole('button', { name: 'Open' }).click();
  await expect(screen.getByRole('alert')).toHaveText(
    'That password does not open the file. Check it (capitals, spaces) and try again.',
  );
  await expect(password).toHaveValue('');
  await password.fill(FIXTURE_PASSWORDS.aegis);
  await screen.getByRole('button', { name: 'Open' }).click();

  await expect(screen.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  await expect(screen.getByText('Aegis backup · aegis-backup-20261122.json')).toBeVisible();
  const entries = screen.getByRole('list', { name: 'Entries' }).getByRole('listitem');
  await expect(entries).toHaveCount(5);
  for (const [i, otp] of SAMPLE_OTPS.entries()) {
    await expect(entries.nth(i)).toContainText(`${otp.issuer}: ${otp.account}`);
    await expect(entries.nth(i).getByRole('checkbox')).toBeChecked();
  }
  const lost = screen.getByRole('region', { name: 'Could not be read (3)' });
  await expect(lost).toContainText(
    'Yandex: yuri — Yandex codes are not supported: Tessera makes TOTP, HOTP and Steam codes.',
  );
  await expect(lost).toContainText('mOTP Ltd: mia');
  await expect(lost).toContainText(
    'Broken Secret: broken — The secret key has a character a setup key cannot have, so no code can be made from it.',
  );
  await expect(screen.getByRole('list', { name: 'Summary' })).toHaveText(/5 to add\s*3 could not be read/);

  await screen.getByRole('button', { name: 'Import 5 entries' }).click();
  await expect(screen.getByRole('heading', { name: 'Imported 5 entries' })).toBeVisible();
  expect(await recordCount(page)).toBe(5);
  await screen.getByRole('button', { name: 'Show the codes' }).click();
  for (const [i, otp] of SAMPLE_OTPS.entries()) await expectHomeCode(page, NAMES[i]!, otp, FROZEN_MS);
});

test('a Stratum encrypted backup (any name) imports with its category, then leaves again as an Aegis file that reads back whole', async ({
  page,
}) => {
  test.slow();
  const screen = await openImport(page);
  // Stratum's binary backup says what it is in its first bytes, whatever the file is called.
  await chooseFile(screen, 'phone-backup.bin', coreFixture('stratum-encrypted.stratum'));
  await expect(screen).toContainText('phone-backup.bin is an encrypted Stratum (Authenticator Pro) backup');
  await screen.getByLabel('Password of the file').fill(FIXTURE_PASSWORDS.default);
  await screen.getByRole('button', { name: 'Open' }).click();
  // Stratum's fixed Argon2id (64 MiB × 3 passes × 4 lanes) takes seconds on a busy machine.
  await expect(screen.getByRole('heading', { name: 'Review the import' })).toBeVisible({ timeout: 60_000 });
  await expect(screen.getByText('Stratum (Authenticator Pro) backup · phone-backup.bin')).toBeVisible();
  await expect(screen.getByRole('list', { name: 'Entries' }).getByRole('listitem')).toHaveCount(5);
  await expect(screen.getByRole('region', { name: 'Could not be read (1)' })).toContainText('mOTP Ltd: mia');
  await screen.getByRole('button', { name: 'Import 5 entries' }).click();
  await expect(screen.getByRole('heading', { name: 'Imported 5 entries' })).toBeVisible();
  expect(await recordCount(page)).toBe(5);

  const aegis = await openExport(page, 'Aegis file');
  await aegis.getByLabel('Password for the Aegis file').fill('aegis export passphrase 7');
  await aegis.getByLabel('Repeat the password').fill('aegis export passphrase 7');
  const downloading = page.waitForEvent('download');
  await aegis.getByRole('button', { name: 'Create the encrypted Aegis file' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('tessera-aegis-2026-11-22.json');
  await expect(aegis.getByRole('status').filter({ hasText: 'Saved tessera-aegis-2026-11-22.json' })).toContainText(
    '(encrypted)',
  );
  const vault = readFileSync((await download.path())!, 'utf8');
  expect(vault).not.toContain('JBSWY3DPEHPK3PXP');
  const back = await importAegis(vault, { password: 'aegis export passphrase 7' });
  expect(back.problems).toEqual([]);
  const byIssuer = new Map(back.entries.map((entry) => [entry.otp!.issuer, entry]));
  for (const otp of SAMPLE_OTPS) expect(byIssuer.get(otp.issuer)?.otp).toEqual(otp);
  expect(byIssuer.get('Example')?.login?.tags).toEqual(['Work']);
});

test('a Bitwarden CSV export comes in as logins with their one-time codes', async ({ page }) => {
  const screen = await openImport(page);
  await chooseFile(screen, 'bitwarden_export_20261122.csv', coreFixture('bitwarden.csv'));
  await expect(screen.getByText('Bitwarden export · bitwarden_export_20261122.csv')).toBeVisible();
  await expect(screen.getByRole('list', { name: 'Entries' }).getByRole('listitem')).toHaveCount(6);
  await screen.getByRole('button', { name: 'Import 6 entries' }).click();
  await expect(screen.getByRole('heading', { name: 'Imported 6 entries' })).toBeVisible();
  expect(await recordCount(page)).toBe(6);
  await screen.getByRole('button', { name: 'Show the codes' }).click();
  await expectHomeCode(page, 'Example', SAMPLE_OTPS[0]!, FROZEN_MS);
});

test('importing the same file again flags every entry as already in the vault and adds nothing by default', async ({
  page,
}) => {
  let screen = await openImport(page);
  await chooseFile(screen, 'ente-auth-codes.txt', coreFixture('ente-plain.txt'));
  await screen.getByRole('button', { name: 'Import 5 entries' }).click();
  await expect(screen.getByRole('heading', { name: 'Imported 5 entries' })).toBeVisible();

  await screen.getByRole('button', { name: 'Import more' }).click();
  screen = page.getByRole('region', { name: 'Import' });
  await chooseFile(screen, 'ente-auth-codes.txt', coreFixture('ente-plain.txt'));
  await expect(screen.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  const entries = screen.getByRole('list', { name: 'Entries' }).getByRole('listitem');
  await expect(entries).toHaveCount(5);
  for (let i = 0; i < 5; i++) {
    await expect(entries.nth(i).getByRole('checkbox')).not.toBeChecked();
    await expect(entries.nth(i)).toContainText('Already in your vault as “');
  }
  await expect(screen.getByRole('list', { name: 'Summary' })).toContainText('0 to add');
  await expect(screen.getByRole('button', { name: 'Import 0 entries' })).toBeDisabled();

  // Ticking one duplicate in adds exactly that one.
  await entries.nth(1).getByRole('checkbox').check();
  await expect(entries.nth(1).getByRole('checkbox')).toBeFocused();
  await screen.getByRole('button', { name: 'Import 1 entry' }).click();
  await expect(screen.getByRole('heading', { name: 'Imported 1 entry' })).toBeVisible();
  expect(await recordCount(page)).toBe(6);
});

test('Google Authenticator export QR codes picked as pictures', async ({ page }) => {
  // Google's format holds 30 s codes only: the bank's SHA256 8-digit code, at 30 s.
  const otps: Otp[] = Array.from({ length: 12 }, (_, i) => ({
    ...(i % 2 ? { ...BANK, period: 30 } : GITHUB),
    issuer: `Site ${String(i + 1).padStart(2, '0')}`,
    account: `ada${i}`,
  }));
  const pictures = formatMigrationUris(otps, { batchId: 42 }).map((uri, i) => ({
    name: `export-${i + 1}.png`,
    mimeType: 'image/png',
    buffer: png(qrPicture(uri, { module: 4 })),
  }));
  expect(pictures).toHaveLength(2);
  const screen = await openImport(page);
  await screen.getByLabel('Choose pictures').setInputFiles(pictures);

  await expect(screen.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  await expect(screen.getByText('Google Authenticator export · 2 QR code pictures')).toBeVisible();
  await expect(screen.getByRole('list', { name: 'Entries' }).getByRole('listitem')).toHaveCount(12);
  await screen.getByRole('button', { name: 'Import 12 entries' }).click();
  await screen.getByRole('button', { name: 'Show the codes' }).click();
  for (const otp of otps) await expectHomeCode(page, otp.issuer, otp, FROZEN_MS);
});

test('a picture without a QR code, and an export with a part missing', async ({ page }) => {
  const screen = await openImport(page);
  await screen.getByLabel('Choose pictures').setInputFiles({
    name: 'blank.png',
    mimeType: 'image/png',
    buffer: png({ width: 200, height: 200, pixels: new Uint8Array(200 * 200).fill(255) }),
  });
  await expect(screen.getByRole('alert')).toContainText('No QR code was found in this picture.');

  const [first] = formatMigrationUris(
    Array.from({ length: 11 }, (_, i) => ({ ...GITHUB, issuer: `Part ${i}` })),
    { batchId: 7 },
  );
  await screen
    .getByLabel('Choose pictures')
    .setInputFiles({ name: 'part-1.png', mimeType: 'image/png', buffer: png(qrPicture(first!, { module: 4 })) });
  await expect(screen.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  await expect(screen.getByRole('region', { name: 'Could not be read (1)' })).toContainText(
    'QR code 2 of 2 was not scanned',
  );
  await expect(screen.getByRole('button', { name: 'Import 10 entries' })).toBeEnabled();
});

test('a file dropped on the panel', async ({ page }) => {
  const screen = await openImport(page);
  const transfer = await page.evaluateHandle((base64) => {
    const data = new DataTransfer();
    data.items.add(
      new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'freeotp-backup.json', {
        type: 'application/json',
      }),
    );
    return data;
  }, coreFixture('freeotp-plus.json').toString('base64'));
  const zone = screen.locator('.transfer-drop');
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
  await expect(zone).toHaveClass(/transfer-drop-active/);
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(screen.getByText('FreeOTP+ backup · freeotp-backup.json')).toBeVisible();
  await expect(screen.getByRole('region', { name: /^Could not be read/ })).toContainText(
    'Old Hash: olga — The code uses an algorithm Tessera does not support (SHA-1, SHA-256 and SHA-512 only).',
  );
});

test('links pasted as text', async ({ page }) => {
  const screen = await openImport(page);
  await screen
    .getByLabel('otpauth:// or otpauth-migration:// links, one per line')
    .fill(`${formatOtpUri(GITHUB)}\n\n${formatOtpUri(BANK)}\nnot a link\n`);
  await screen.getByRole('button', { name: 'Read the links' }).click();
  await expect(screen.getByText('list of otpauth:// links · pasted links')).toBeVisible();
  await expect(screen.getByRole('region', { name: 'Could not be read (1)' })).toContainText('line "not a link"');
  await screen.getByRole('button', { name: 'Import 2 entries' }).click();
  await screen.getByRole('button', { name: 'Show the codes' }).click();
  await expectHomeCode(page, 'GitHub', GITHUB, FROZEN_MS);
  await expectHomeCode(page, 'Example Bank', BANK, FROZEN_MS);
});

test('a damaged file says so and adds nothing', async ({ page }) => {
  const screen = await openImport(page);
  const whole = coreFixture('aegis-plain.json');
  await chooseFile(screen, 'aegis-export-plain.json', whole.subarray(0, Math.floor(whole.length / 2)));
  await expect(screen.getByRole('alert')).toContainText(
    'This Aegis backup is damaged or cut short, so nothing was imported.',
  );
  await expect(screen.getByRole('alert')).toContainText('The file is cut short or damaged: it is not valid JSON.');

  // The right password over a flipped byte in the sealed part: damage, not a wrong password.
  const sealed = JSON.parse(coreFixture('2fas-encrypted.2fas').toString('utf8')) as { servicesEncrypted: string };
  const [data, ...rest] = sealed.servicesEncrypted.split(':');
  const flipped = Buffer.from(data!, 'base64');
  flipped[5]! ^= 0x01;
  const damaged = Buffer.from(
    JSON.stringify({ ...sealed, servicesEncrypted: [flipped.toString('base64'), ...rest].join(':') }),
  );
  await chooseFile(screen, 'backup.2fas', damaged);
  await screen.getByLabel('Password of the file').fill(FIXTURE_PASSWORDS.default);
  await screen.getByRole('button', { name: 'Open' }).click();
  await expect(screen.getByRole('alert')).toContainText(
    'This 2FAS backup is damaged or cut short, so nothing was imported.',
  );
  expect(await recordCount(page)).toBe(0);
});

test('a file of an unknown kind offers the format picker', async ({ page }) => {
  const screen = await openImport(page);
  await chooseFile(screen, 'notes.txt', Buffer.from('shopping: milk, eggs\n'));
  await expect(screen.getByRole('alert')).toContainText('Tessera could not tell what kind of export this is.');
  await screen.getByLabel('Read notes.txt as').selectOption({ label: 'Aegis backup' });
  await screen.getByRole('button', { name: 'Read as this format' }).click();
  await expect(screen.getByRole('alert')).toContainText(
    'This file is not an Aegis backup. If you know which app made it, choose it below.',
  );
  expect(await recordCount(page)).toBe(0);
});

test('a file above the size limit is refused before it is read', async ({ page }) => {
  const screen = await openImport(page);
  await chooseFile(screen, 'huge.json', Buffer.alloc(20 * 1024 * 1024 + 1, 0x20));
  await expect(screen.getByRole('alert')).toHaveText(
    /This file is too large to be an authenticator export, so it was not read\.\s*The file is larger than 20 MiB\./,
  );
});

test('hostile key-derivation settings are refused before a password is asked', async ({ page }) => {
  const ente = JSON.parse(coreFixture('ente-encrypted.json').toString('utf8')) as {
    kdfParams: Record<string, unknown>;
  };
  const screen = await openImport(page);
  await chooseFile(
    screen,
    'ente.json',
    Buffer.from(JSON.stringify({ ...ente, kdfParams: { ...ente.kdfParams, memLimit: 4 * 1024 ** 3 } })),
  );
  await expect(screen.getByRole('alert')).toContainText(
    'This Ente Auth export asks for encryption settings outside safe limits',
  );
  await expect(screen.getByLabel('Password of the file')).toHaveCount(0);
});

test('a slow key derivation keeps the page responsive and can be cancelled', async ({ page }) => {
  // Valid but expensive Ente settings (64 MiB × 40 passes): several seconds of Argon2id.
  const ente = JSON.parse(coreFixture('ente-encrypted.json').toString('utf8')) as {
    kdfParams: Record<string, unknown>;
  };
  const screen = await openImport(page);
  await chooseFile(
    screen,
    'ente.json',
    Buffer.from(
      JSON.stringify({ ...ente, kdfParams: { ...ente.kdfParams, memLimit: 64 * 1024 * 1024, opsLimit: 40 } }),
    ),
  );
  await screen.getByLabel('Password of the file').fill(FIXTURE_PASSWORDS.default);
  await screen.getByRole('button', { name: 'Open' }).click();
  await expect(screen.getByRole('progressbar', { name: /^Decrypting ente\.json/ })).toBeVisible();
  // The main thread answers while the worker derives: a frozen tab would time this out.
  const started = Date.now();
  expect(await page.evaluate(() => 6 * 7)).toBe(42);
  expect(Date.now() - started).toBeLessThan(1000);
  await screen.getByRole('button', { name: 'Cancel' }).click();
  await expect(screen.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
  await expect(screen.getByRole('heading', { name: 'From a file' })).toBeVisible();
  await expect(screen.getByRole('alert')).toHaveCount(0);
});

test('the review: select all or none, plain reasons, and Import in reach on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // An andOTP backup of many codes and one mOTP entry, whose secret is hex (not base32).
  const entries = Array.from({ length: 20 }, (_, i) => ({
    secret: 'JBSWY3DPEHPK3PXP',
    issuer: `Site ${String(i + 1).padStart(2, '0')}`,
    label: `ada${i + 1}@example.com`,
    digits: 6,
    type: 'TOTP',
    algorithm: 'SHA1',
    period: 30,
    tags: [],
  }));
  entries.push({ ...entries[0]!, secret: 'abcdef0123456789', issuer: 'Mobile OTP', label: 'mallory', type: 'MOTP' });
  const screen = await openImport(page);
  await chooseFile(screen, 'otp_accounts.json', Buffer.from(JSON.stringify(entries)));
  await expect(screen.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  const problems = screen.getByRole('region', { name: 'Could not be read (1)' });
  await expect(problems).toContainText(
    'Mobile OTP: mallory — mOTP codes are not supported: Tessera makes TOTP, HOTP and Steam codes.',
  );
  await expect(problems).not.toContainText('base32');
  const importButton = screen.getByRole('button', { name: /^Import \d+ entr/ });
  // Sticky: Import is on screen with the list not scrolled.
  await expect(importButton).toBeInViewport();
  await screen.getByRole('button', { name: 'Select none' }).click();
  await expect(screen.getByRole('list', { name: 'Summary' })).toContainText('0 to add');
  await expect(screen.getByRole('button', { name: 'Import 0 entries' })).toBeDisabled();
  await screen.getByRole('button', { name: 'Select all' }).click();
  await expect(screen.getByRole('list', { name: 'Summary' })).toContainText('20 to add');
  await screen.getByRole('list', { name: 'Entries' }).getByRole('checkbox').nth(3).uncheck();
  await expect(importButton).toHaveText('Import 19 entries');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await importButton.click();
  await expect(screen.getByRole('heading', { name: 'Imported 19 entries' })).toBeVisible();
  expect(await recordCount(page)).toBe(19);
});
