import { otpCode } from '@tessera/core/otp/code';
import type { Otp } from '@tessera/core/otp/types';
import { until, type EnginePage } from './driver.ts';
import type { Target } from './find.ts';

// The app's steps as a user takes them, for the engine suites: the same buttons, labels and
// rows the Playwright specs use (tests/e2e/fixtures), through the WebDriver clients.
export { PASSWORD } from '../e2e/fixtures/vault.ts';
import { PASSWORD } from '../e2e/fixtures/vault.ts';

export const LOCK: Target = { role: 'button', name: 'Lock' };
export const ADD_REGION: Target = { role: 'region', name: 'Add a code' };

export async function createVault(page: EnginePage, password = PASSWORD): Promise<void> {
  await page.goto('/');
  await page.fill({ label: 'Master password' }, password);
  await page.fill({ label: 'Confirm master password' }, password);
  await page.check({ label: /I understand/ });
  await page.click({ role: 'button', name: 'Create vault' });
  // The recovery key is shown once after the vault is made (docs/web.md, "Recovery key").
  await page.expectVisible({ role: 'heading', name: 'Save your recovery key' }, 30_000);
  await page.click({ role: 'button', name: 'I have saved my recovery key' });
  await page.expectVisible(LOCK, 30_000);
}

export async function unlock(page: EnginePage, password = PASSWORD): Promise<void> {
  await page.fill({ label: 'Master password' }, password);
  await page.click({ role: 'button', name: 'Unlock' });
}

export async function openAdd(
  page: EnginePage,
  way: 'Camera' | 'Image' | 'Screen' | 'Setup key' | 'Link',
): Promise<void> {
  await page.click({ role: 'button', name: 'Add' });
  await page.click({ role: 'menuitem', name: 'Add a code' });
  await page.click({ role: 'tab', name: way, within: ADD_REGION });
  await until(
    `the ${way} tab to be selected`,
    async () => (await page.attr({ role: 'tab', name: way, within: ADD_REGION }, 'aria-selected')) === 'true',
  );
}

/**
 * From the check (the review step of a scan, or the Setup key and Link tabs once what was typed
 * reads): a new record, then back on the codes list. "Save to" is offered only when an existing
 * record is suggested; otherwise a new record is what Save makes.
 */
export async function saveNew(page: EnginePage): Promise<void> {
  await page.expectVisible({ role: 'heading', name: 'Check and save', within: ADD_REGION });
  const offered = await page.evaluate(
    () => document.querySelectorAll('section[aria-label="Add a code"] input[type="radio"][value="new"]').length,
  );
  if (offered > 0) await page.check({ role: 'radio', name: 'Create a new record', within: ADD_REGION });
  await page.click({ role: 'button', name: 'Save', within: ADD_REGION });
  // Saving ends with the app navigating back to the codes list; a step that sets the address
  // before that navigation has happened is overridden by it (Settings opened, then replaced).
  await page.expectCount(ADD_REGION, 0);
}

export const codeRow = (name: string): Target => ({ css: '.row', has: { css: '.row-name', text: name } });
export const rowCode = (name: string): Target => ({ css: '.row-code', within: codeRow(name) });

/**
 * The code a row shows is @tessera/core's for the page's own clock. The clock is read before
 * and after the code; a read that straddles a step boundary is taken again.
 */
export async function expectCoreCode(page: EnginePage, name: string, otp: Otp): Promise<string> {
  let last = '';
  try {
    return await until(`${name} to show core's code`, async () => {
      const before = await page.evaluate(() => Date.now());
      const shown = await page.attr(rowCode(name), 'data-code');
      const after = await page.evaluate(() => Date.now());
      const expected = otpCode(otp, before).code;
      last = `shown ${shown}, core ${expected} at ${before}`;
      return expected === otpCode(otp, after).code && shown === expected ? expected : undefined;
    });
  } catch (error) {
    throw new Error(`${(error as Error).message} (${last})`);
  }
}

export async function openRecord(page: EnginePage, name: string): Promise<void> {
  await page.goto('/#/');
  // The row takes the click, but the record may still not open: in CI WebKit once stayed on the
  // list ("Select an item…") for 20 s after the click, the relay just cut and the sync failing
  // (engines/sync.test.ts). On a wide window the list stays beside an open record, so clicking
  // again is what a user would do and is harmless; the last try waits the full time.
  const heading: Target = { role: 'heading', name };
  for (let attempt = 1; ; attempt++) {
    await page.click({ role: 'button', name: `Details of ${name}`, within: codeRow(name) });
    try {
      await page.expectVisible(heading, attempt < 3 ? 5_000 : undefined);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Polls the page until its service worker is active, then reloads so it controls the page. */
export async function waitForServiceWorker(page: EnginePage): Promise<void> {
  await until(
    'the service worker to be activated',
    () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'),
    30_000,
  );
  await page.reload();
  await until(
    'the service worker to control the page',
    () => page.evaluate(() => navigator.serviceWorker.controller !== null),
    30_000,
  );
}

export async function addByLink(page: EnginePage, link: string): Promise<void> {
  await openAdd(page, 'Link');
  // One link is checked on the Link tab itself: no Continue.
  await page.fill({ role: 'textbox', name: 'Link', within: ADD_REGION }, link);
  await saveNew(page);
  await page.expectVisible(LOCK);
}

export const TRANSFER: Target = { role: 'region', name: 'Import / Export' };

/** Settings > Import / Export; returns the screen. */
export async function openTransfer(page: EnginePage): Promise<Target> {
  await page.goto('/#/settings');
  await page.click({ role: 'button', name: 'Import / Export' });
  await page.expectVisible({ role: 'heading', name: 'Import / Export', within: TRANSFER });
  return TRANSFER;
}

export interface Login {
  title: string;
  username?: string;
  password?: string;
  notes?: string;
}

/** Add > New login record, with a setup key. */
export async function addLogin(page: EnginePage, login: Login, setupKey: string): Promise<void> {
  await page.click({ role: 'button', name: 'Add' });
  await page.click({ role: 'menuitem', name: 'New login record' });
  await page.fill({ label: 'Title' }, login.title);
  if (login.username !== undefined) await page.fill({ label: 'Username or email' }, login.username);
  if (login.password !== undefined) await page.fill({ label: 'Password' }, login.password);
  if (login.notes !== undefined) await page.fill({ label: 'Notes' }, login.notes);
  await page.click({ role: 'button', name: 'Enter a setup key' });
  await page.fill({ label: 'Setup key or otpauth:// link' }, setupKey);
  await page.click({ role: 'button', name: 'Add record' });
  await page.expectVisible({ role: 'heading', name: login.title });
}

/** The record's fields as its editor shows them; back to the list afterwards. */
export async function readLogin(page: EnginePage, title: string): Promise<Required<Login>> {
  await openRecord(page, title);
  await page.click({ role: 'button', name: 'Edit' });
  const out = {
    title: await page.value({ label: 'Title' }),
    username: await page.value({ label: 'Username or email' }),
    password: await page.value({ label: 'Password' }),
    notes: await page.value({ label: 'Notes' }),
  };
  await page.goto('/#/');
  return out;
}

/** The newest 6-digit code mailed to `email` since `after` (ms), from the worker's dev outbox. */
export async function mailedCode(api: string, email: string, after: number): Promise<string> {
  return until(`a code mailed to ${email}`, async () => {
    const res = await fetch(`${api}/api/v1/dev/outbox?to=${encodeURIComponent(email)}`);
    const { messages } = (await res.json()) as { messages: { text: string; sentAt: number }[] };
    return messages
      .filter((m) => m.sentAt >= after)
      .map((m) => /\b(\d{6})\b/.exec(m.text)?.[1])
      .findLast((c) => c !== undefined);
  });
}

export const SYNC_BADGE: Target = { css: '.sync-badge' };

/** Settings > Account > Turn on sync with `email`, the code from the dev outbox. */
export async function turnOnSync(
  page: EnginePage,
  api: string,
  email: string,
  deviceName: string,
  password = PASSWORD,
): Promise<void> {
  await page.goto('/#/account');
  await page.fill({ label: 'Email' }, email);
  await page.fill({ label: 'Name of this device' }, deviceName);
  const before = Date.now() - 1_000;
  await page.click({ role: 'button', name: 'Send a code' });
  await page.fill({ label: 'Code from the email' }, await mailedCode(api, email, before));
  await page.fill({ label: 'Master password of this vault' }, password);
  await page.click({ role: 'button', name: 'Turn on sync' });
  await page.expectText(SYNC_BADGE, /^Synced at /, 30_000);
}

/** Account > Sync now, as a user does once the network is back; waits for "Synced at". */
export async function syncNow(page: EnginePage): Promise<void> {
  await page.goto('/#/account');
  await page.click({ role: 'button', name: 'Sync now' });
  await page.expectText(SYNC_BADGE, /^Synced at /, 30_000);
}
