import { expect, test } from '@playwright/test';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { GITHUB } from '../e2e/fixtures/otps.ts';
import {
  chooseFile,
  coreFixture,
  FIXTURE_PASSWORDS,
  openExport,
  openImport,
  openTransfer,
} from '../e2e/fixtures/transfer/transfer.ts';
import { createVault, PASSWORD } from '../e2e/fixtures/vault.ts';

// Import / Export at its limits: an encrypted Aegis file, the master password check, a list of
// 10,000 otpauth:// links (core's MAX_ENTRIES) read and imported, a backup of those 10,000
// records, and their 1,000 Google Authenticator QR codes. Figures (time, and the longest
// main-thread task while it ran) go to stdout; nothing here asserts a timing.
test.use({ serviceWorkers: 'block' });
test.setTimeout(600_000);

test('import / export with 10,000 entries', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const longest = async () =>
    page.evaluate(() => {
      const w = window as unknown as { longest: number };
      const v = w.longest;
      w.longest = 0;
      return Math.round(v);
    });
  await createVault(page);
  const t = () => performance.now();
  const time = async (what: string, run: () => Promise<unknown>) => {
    await longest();
    const a = t();
    await run();
    console.log(`${what}: ${Math.round(t() - a)} ms, longest main-thread task ${await longest()} ms`);
  };
  for (let run = 0; run < 3; run++) {
    const s = await openImport(page);
    await chooseFile(s, 'aegis-backup.json', coreFixture('aegis-encrypted.json'));
    await s.getByLabel('Password of the file').fill(FIXTURE_PASSWORDS.aegis);
    await time('Aegis encrypted (scrypt 2^15): Open to preview', async () => {
      await s.getByRole('button', { name: 'Open' }).click();
      await expect(s.getByRole('heading', { name: 'Review the import' })).toBeVisible();
    });
  }
  for (let run = 0; run < 3; run++) {
    const g = await openExport(page, 'otpauth:// links');
    await g.getByLabel('Master password').fill(PASSWORD);
    await time('master password check (empty vault)', async () => {
      await g.getByRole('button', { name: 'Show the links' }).click();
      await expect(g.getByText('No record in this vault has a code.')).toBeVisible();
    });
  }
  const lines = Array.from({ length: 10_000 }, (_, i) =>
    formatOtpUri({
      ...GITHUB,
      secret: new Uint8Array([...GITHUB.secret, i & 255, i >> 8]),
      issuer: `Site ${i}`,
      account: `user${i}@example.com`,
    }),
  ).join('\n');
  const s = await openImport(page);
  await time(`10,000 links (${lines.length} bytes): file to preview`, async () => {
    await chooseFile(s, 'big.txt', Buffer.from(lines));
    await expect(s.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  });
  await time('10,000 entries: Import to done', async () => {
    await s.getByRole('button', { name: 'Import 10000 entries' }).click();
    await expect(s.getByRole('heading', { name: 'Imported 10000 entries' })).toBeVisible({ timeout: 300_000 });
  });
  await time('Import / Export opened with 10,000 records', () => openTransfer(page));
  for (let run = 0; run < 3; run++) {
    const b = await openExport(page, 'Encrypted backup');
    await b.getByLabel('Backup password', { exact: true }).fill('quiet harbour 7 lantern moss');
    await b.getByLabel('Repeat the backup password').fill('quiet harbour 7 lantern moss');
    await time('backup of 10,000 records (Argon2id at the default, 64 MiB t3 p1)', async () => {
      const d = page.waitForEvent('download');
      await b.getByRole('button', { name: 'Create the backup' }).click();
      await d;
    });
  }
  const g = await openExport(page, 'Google Authenticator QR codes');
  await g.getByLabel('Master password').fill(PASSWORD);
  await time('master password check + 1,000 QR codes of 10,000 records', async () => {
    await g.getByRole('button', { name: 'Show the QR codes' }).click();
    await expect(g.getByText('QR code 1 of 1000', { exact: true })).toBeVisible();
  });
  await time('next QR code', async () => {
    await g.getByRole('button', { name: 'Next' }).click();
    await expect(g.getByText('QR code 2 of 1000', { exact: true })).toBeVisible();
  });
});
