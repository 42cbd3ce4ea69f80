import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe as group, expect, test } from 'vitest';
import { base32Decode } from '@tessera/core/otp/base32';
import { importBackup } from '@tessera/core/transfer/backup';
import type { Otp } from '@tessera/core/otp/types';
import { until, type EnginePage } from './driver.ts';
import { addByLink, createVault, expectCoreCode, openTransfer } from './flows.ts';
import { ENGINE, useEngine } from './harness.ts';

// An encrypted backup made in this engine, checked by core in Node, then imported into a vault
// in a fresh profile of the same engine (its own storage, another master password).

const suite = useEngine();
const BACKUP_PASSWORD = 'orchard lamp 58 quiet river';
const BANK: Otp = {
  type: 'totp',
  secret: base32Decode('JBSWY3DPEHPK3PXP'),
  algorithm: 'SHA256',
  digits: 8,
  period: 60,
  counter: 0,
  issuer: 'Example Bank',
  account: 'ada',
};
const GITHUB: Otp = {
  type: 'totp',
  secret: new TextEncoder().encode('12345678901234567890'),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer: 'GitHub',
  account: 'ada@example.com',
};

group(`encrypted backup in ${ENGINE}`, () => {
  let file = '';

  test('export: the file the page saves opens with core and holds both codes', async () => {
    const page = await suite.open();
    await createVault(page);
    await addByLink(
      page,
      'otpauth://totp/Example%20Bank:ada?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank&algorithm=SHA256&digits=8&period=60',
    );
    await addByLink(
      page,
      'otpauth://totp/GitHub:ada@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub',
    );
    const bytes = await exportBackup(page);
    const restored = await importBackup(bytes, BACKUP_PASSWORD);
    expect(restored.entries.map((entry) => entry.otp?.issuer).sort()).toEqual(['Example Bank', 'GitHub']);
    file = join(mkdtempSync(join(tmpdir(), 'tessera-backup-')), 'tessera-backup.tessera');
    writeFileSync(file, bytes);
    await page.close();
  });

  test('import into a fresh profile: the same codes', async () => {
    const page = await suite.open();
    await createVault(page, 'another long master password 99');
    const screen = await openTransfer(page);
    await page.click({ role: 'button', name: 'Import…', within: screen });
    const importing = { role: 'region', name: 'Import' } as const;
    await page.upload({ label: 'Choose a file', within: importing }, file);
    await page.expectText(
      { css: '*', text: /is an encrypted Tessera backup/, within: importing },
      /is an encrypted Tessera backup/,
    );
    await page.fill({ label: 'Password of the file', within: importing }, BACKUP_PASSWORD);
    await page.click({ role: 'button', name: 'Open', within: importing });
    await page.click({ role: 'button', name: 'Import 2 entries', within: importing });
    await page.click({ role: 'button', name: 'Show the codes', within: importing });
    await expectCoreCode(page, 'Example Bank', BANK);
    await expectCoreCode(page, 'GitHub', GITHUB);
  });
});

/**
 * Settings > Import / Export > Encrypted backup, and the bytes the page hands the browser to
 * save. WebDriver gives no access to a browser's downloads, so the test keeps the Blob the
 * page makes its download link from (the app saves with Blob + a[download]).
 */
async function exportBackup(page: EnginePage): Promise<Uint8Array> {
  await page.evaluate(() => {
    // The page's CSP allows no fetch of blob: URLs, so the Blob is kept as its URL is made.
    const saved: string[] = [];
    (window as unknown as { savedFiles: string[] }).savedFiles = saved;
    const createObjectURL = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      if (object instanceof Blob) {
        void object
          .arrayBuffer()
          .then((buffer) => saved.push(Array.from(new Uint8Array(buffer), (b) => String.fromCharCode(b)).join('')));
      }
      return createObjectURL(object);
    };
  });
  const screen = await openTransfer(page);
  await page.click({ role: 'button', name: /^Encrypted backup/, within: screen });
  const exporting = { role: 'region', name: 'Export' } as const;
  await page.fill({ label: 'Backup password', within: exporting }, BACKUP_PASSWORD);
  await page.fill({ label: 'Repeat the backup password', within: exporting }, BACKUP_PASSWORD);
  await page.click({ role: 'button', name: 'Create the backup', within: exporting });
  await page.expectText({ role: 'status', name: /Saved tessera-backup-/, within: exporting }, /\(2 records\)/);
  const binary = await until(
    'the saved file',
    async () =>
      (await page.evaluate(() => (window as unknown as { savedFiles: string[] }).savedFiles[0] ?? '')) || undefined,
  );
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
