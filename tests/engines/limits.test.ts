import { describe as group, expect, test } from 'vitest';
import type { EnginePage } from './driver.ts';
import { ADD_REGION, codeRow, createVault, openAdd, saveNew } from './flows.ts';
import { ENGINE, useEngine } from './harness.ts';

// What this engine lacks, and what the app says instead (docs/web.md, "Engines"): each line
// here is what the engine really did when the suite was written, so a change in the engine or
// the app that makes the words untrue fails here.

const suite = useEngine();
let page: EnginePage;

const NO_CLEAR = 'Code copied · this browser does not let Tessera clear it later';

group(`${ENGINE}: features it lacks, in the app's words`, () => {
  test('a copied code: the toast promises no clear the browser would refuse', async () => {
    page = await suite.open();
    await createVault(page);
    await openAdd(page, 'Setup key');
    await page.fill({ role: 'textbox', name: 'Setup key', within: ADD_REGION }, 'JBSWY3DPEHPK3PXP');
    await page.fill({ label: 'Issuer', within: ADD_REGION }, 'Example');
    await saveNew(page);
    await page.click({ css: '.row-main', within: codeRow('Example') });
    await page.expectText({ css: '.toast-host .toast' }, new RegExp(`^${NO_CLEAR}`));
  });

  test('Settings has no clipboard timer it cannot keep, and says why', async () => {
    await page.goto('/#/settings');
    await page.expectVisible({ text: /does not let Tessera read the clipboard back/ });
    await page.expectCount({ label: 'Clear copied codes after' }, 0);
  });

  test('Settings says how (or whether) this browser installs web apps; no install button', async () => {
    await page.goto('/#/settings');
    if (ENGINE === 'firefox') await page.expectVisible({ text: /^Firefox on a computer cannot install web apps\./ });
    else await page.expectVisible({ text: /^This browser offers no way for a page to install itself\./ });
    await page.expectCount({ role: 'button', name: /Install/ }, 0);
  });

  // Firefox asks with its own picker (which WebDriver cannot answer), so this is WebKit's only.
  if (ENGINE === 'webkit')
    test('screen capture: WebKit cannot, so the Screen tab offers a screenshot instead', async () => {
      await page.goto('/#/');
      await openAdd(page, 'Screen');
      await page.click({ role: 'button', name: 'Share a window or tab', within: ADD_REGION });
      await page.expectText(
        { role: 'alert' },
        'This browser cannot capture the screen. Take a screenshot of the QR code, then add the picture under Image.',
      );
      await page.expectCount({ role: 'button', name: 'Share a window or tab' }, 0);
      await page.click({ role: 'button', name: 'Use a screenshot instead', within: ADD_REGION });
      await page.expectVisible({ role: 'tab', name: 'Image', within: ADD_REGION });
      expect(await page.attr({ role: 'tab', name: 'Image', within: ADD_REGION }, 'aria-selected')).toBe('true');
    });

  test('camera: none on the test machine, and the app says what to use instead', async () => {
    await page.goto('/#/');
    await openAdd(page, 'Camera');
    await page.expectText(
      { role: 'alert' },
      'No camera was found. Use an image or a screenshot of the QR code, or type the setup key.',
    );
  });
});
