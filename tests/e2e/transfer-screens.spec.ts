import { AxeBuilder } from './fixtures/axe.ts';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { base32Decode } from '@tessera/core/otp/base32';
import { BANK, COUNTER, FROZEN_MS, GITHUB, STEAM } from './fixtures/otps.ts';
import {
  chooseFile,
  coreFixture,
  FIXTURE_PASSWORDS,
  openExport,
  openImport,
  openTransfer,
} from './fixtures/transfer/transfer.ts';
import { createVault, PASSWORD, seedRecords, unlock } from './fixtures/vault.ts';

// Every Import / Export screen at phone and desktop sizes in both themes: an axe scan (no serious
// or critical violation), and a screenshot under .state/screenshots/transfer-*.png (git-ignored)
// for people to look at.
const OUT = fileURLToPath(new URL('../../.state/screenshots/', import.meta.url));
mkdirSync(OUT, { recursive: true });

test.use({ serviceWorkers: 'block' });

const sizes = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
] as const;

for (const size of sizes) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`import / export screens, ${size.name}, ${scheme}`, async ({ page }) => {
      test.slow(); // ten screens, each scanned by axe
      await page.setViewportSize(size.viewport);
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.clock.setFixedTime(FROZEN_MS);
      const look = async (screen: string) => {
        await page.screenshot({ path: `${OUT}transfer-${screen}-${size.name}-${scheme}.png` });
        const result = await new AxeBuilder({ page }).include('.transfer').analyze();
        const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(bad.map((v) => `${screen}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
      };

      await createVault(page);
      await seedRecords(page, [
        { otp: GITHUB, title: 'GitHub', username: 'ada', tags: ['work'] },
        { otp: { ...BANK, period: 30 }, title: 'Example Bank' },
        { otp: COUNTER },
        { otp: STEAM },
        {
          otp: { ...GITHUB, secret: base32Decode('JBSWY3DPEHPK3PXP'), issuer: 'Example', account: 'alice@example.com' },
        },
      ]);
      await page.reload();
      await unlock(page, PASSWORD);

      await openTransfer(page);
      await look('overview');

      const importing = await openImport(page);
      await look('import');
      await chooseFile(importing, 'aegis-backup-20261122.json', coreFixture('aegis-encrypted.json'));
      await importing.getByLabel('Password of the file').fill('wrong');
      await importing.getByRole('button', { name: 'Open' }).click();
      await expect(importing.getByRole('alert')).toBeVisible();
      await look('import-password');
      await importing.getByLabel('Password of the file').fill(FIXTURE_PASSWORDS.aegis);
      await importing.getByRole('button', { name: 'Open' }).click();
      await expect(importing.getByRole('heading', { name: 'Review the import' })).toBeVisible();
      await look('import-preview');
      await importing.getByRole('button', { name: 'Import 4 entries' }).click();
      await expect(importing.getByRole('heading', { name: 'Imported 4 entries' })).toBeVisible();
      await look('import-done');

      const backup = await openExport(page, 'Encrypted backup');
      await backup.getByLabel('Backup password', { exact: true }).fill('quiet harbour 7 lantern');
      await look('export-backup');

      const aegis = await openExport(page, 'Aegis file');
      await aegis.getByLabel('Password for the Aegis file').fill('quiet harbour 7 lantern');
      await look('export-aegis');

      const google = await openExport(page, 'Google Authenticator QR codes');
      await look('export-gate');
      await google.getByLabel('Master password').fill(PASSWORD);
      await google.getByRole('button', { name: 'Show the QR codes' }).click();
      await expect(google.getByRole('img', { name: 'QR code 1 of 1' })).toBeVisible();
      await look('export-google');

      const links = await openExport(page, 'otpauth:// links');
      await links.getByLabel('Master password').fill(PASSWORD);
      await links.getByRole('button', { name: 'Show the links' }).click();
      await expect(links.getByRole('textbox', { name: 'otpauth:// links' })).toBeVisible();
      await look('export-otpauth');

      const overview = await openTransfer(page);
      await overview.getByLabel('Record').selectOption({ label: 'GitHub · ada@example.com' });
      await overview.getByRole('button', { name: 'Show QR code' }).click();
      const one = page.getByRole('region', { name: 'QR code' });
      await one.getByLabel('Master password').fill(PASSWORD);
      await one.getByRole('button', { name: 'Show the QR code' }).click();
      await expect(one.getByRole('img', { name: 'QR code of GitHub' })).toBeVisible();
      await look('record-qr');
    });
  }
}
