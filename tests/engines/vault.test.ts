import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe as group, expect, test } from 'vitest';
import { base32Decode } from '@tessera/core/otp/base32';
import type { Otp } from '@tessera/core/otp/types';
import { png, qrPicture } from '../e2e/fixtures/add/qr-image.ts';
import type { EnginePage } from './driver.ts';
import {
  ADD_REGION,
  codeRow,
  createVault,
  expectCoreCode,
  LOCK,
  openAdd,
  openRecord,
  PASSWORD,
  saveNew,
  unlock,
  waitForServiceWorker,
} from './flows.ts';
import { ENGINE, useEngine } from './harness.ts';

// The everyday flows in the engine this suite runs, on one page (one profile) in order: a vault,
// three ways to add a code, codes equal to core's, search, edit, delete and restore, lock, and
// a reload with the network gone.

const suite = useEngine();
let page: EnginePage;

const KEY_OTP: Otp = {
  type: 'totp',
  secret: base32Decode('JBSWY3DPEHPK3PXP'),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer: 'Example',
  account: 'alice@example.com',
};
const LINK_OTP: Otp = {
  type: 'totp',
  secret: base32Decode('JBSWY3DPEHPK3PXP'),
  algorithm: 'SHA256',
  digits: 8,
  period: 60,
  counter: 0,
  issuer: 'Example Bank',
  account: 'ada',
};
const LINK =
  'otpauth://totp/Example%20Bank:ada?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank&algorithm=SHA256&digits=8&period=60';
const IMAGE_OTP: Otp = {
  type: 'totp',
  secret: new TextEncoder().encode('12345678901234567890'),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer: 'GitHub',
  account: 'ada@example.com',
};
const IMAGE_LINK = 'otpauth://totp/GitHub:ada@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub';

group(`everyday flows in ${ENGINE}`, () => {
  test('create a vault', async () => {
    page = await suite.open();
    await createVault(page);
    await page.expectVisible({ role: 'heading', name: /No codes yet|Add a code/ });
  });

  test("add by setup key: the code is core's for the page clock", async () => {
    await openAdd(page, 'Setup key');
    await page.fill({ role: 'textbox', name: 'Setup key', within: ADD_REGION }, 'jbsw y3dp-ehpk 3pxp');
    await page.fill({ label: 'Issuer', within: ADD_REGION }, 'Example');
    await page.fill({ label: 'Account', within: ADD_REGION }, 'alice@example.com');
    await saveNew(page);
    await expectCoreCode(page, 'Example', KEY_OTP);
  });

  test('add by otpauth:// link', async () => {
    await openAdd(page, 'Link');
    await page.fill({ role: 'textbox', name: 'Link', within: ADD_REGION }, LINK);
    await page.expectText(
      { text: '8 digits · every 60 s · SHA256', within: ADD_REGION },
      '8 digits · every 60 s · SHA256',
    );
    await saveNew(page);
    await expectCoreCode(page, 'Example Bank', LINK_OTP);
  });

  test('add by a QR image file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-qr-'));
    const file = join(dir, 'github-qr.png');
    writeFileSync(file, png(qrPicture(IMAGE_LINK)));
    await openAdd(page, 'Image');
    await page.upload({ css: 'input[type=file]', within: ADD_REGION, hidden: true }, file);
    await saveNew(page);
    await expectCoreCode(page, 'GitHub', IMAGE_OTP);
  });

  test('search filters the list', async () => {
    await page.goto('/#/');
    await page.fill({ role: 'searchbox', name: 'Search codes and logins' }, 'bank');
    await page.expectCount({ css: '.row' }, 1);
    await page.expectVisible(codeRow('Example Bank'));
    await page.fill({ role: 'searchbox', name: 'Search codes and logins' }, 'nothing like this');
    await page.expectCount({ css: '.row' }, 0);
    await page.fill({ role: 'searchbox', name: 'Search codes and logins' }, '');
    await page.expectCount({ css: '.row' }, 3);
  });

  test('edit a record', async () => {
    await openRecord(page, 'GitHub');
    await page.click({ role: 'button', name: 'Edit' });
    // A code-only entry edits as a code: the login fields (notes among them) are folded.
    await page.click({ role: 'button', name: 'Add login details' });
    await page.fill({ label: 'Notes' }, 'Backup codes in the drawer.');
    await page.fill({ label: 'Issuer' }, 'GitHub Enterprise');
    await page.click({ role: 'button', name: 'Save' });
    await page.expectVisible({ text: 'Backup codes in the drawer.' });
    await page.goto('/#/');
    await expectCoreCode(page, 'GitHub Enterprise', { ...IMAGE_OTP, issuer: 'GitHub Enterprise' });
  });

  test('delete, then restore from Recently deleted', async () => {
    await openRecord(page, 'Example');
    await page.click({ role: 'button', name: 'Delete' });
    await page.goto('/#/');
    await page.expectCount(codeRow('Example'), 0);
    await page.goto('/#/deleted');
    await page.click({ role: 'button', name: 'Restore Example' });
    await page.expectVisible({ role: 'heading', name: 'Nothing deleted' });
    await page.goto('/#/');
    await expectCoreCode(page, 'Example', KEY_OTP);
  });

  test('lock, a wrong password first, then unlock', async () => {
    await page.click(LOCK);
    await unlock(page, 'not the password at all');
    await page.expectText({ role: 'alert' }, /Wrong master password/);
    await unlock(page, PASSWORD);
    await page.expectVisible(LOCK);
    await expectCoreCode(page, 'Example Bank', LINK_OTP);
  });

  test('offline: the reload comes from the service worker and codes still show', async () => {
    await waitForServiceWorker(page);
    suite.relay.setOffline(true);
    try {
      await page.reload();
      await unlock(page);
      await page.expectVisible(LOCK);
      await expectCoreCode(page, 'Example Bank', LINK_OTP);
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    } finally {
      suite.relay.setOffline(false);
    }
  });
});
