import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test';
import { AxeBuilder } from './fixtures/axe.ts';
import { fromBase64url, toBase64url } from '@tessera/core/crypto/bytes';
import { deriveMasterKey, type KdfParams } from '@tessera/core/crypto/kdf';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { createVault, PASSWORD, readStore, unlock } from './fixtures/vault.ts';

// Shared steps of the sync specs (sync-*.spec.ts): devices are browser contexts (each its own
// IndexedDB) on the one wrangler dev the Playwright config starts; emailed codes come from the
// worker's dev outbox.
export { PASSWORD };

export interface Device {
  context: BrowserContext;
  page: Page;
}

/**
 * A device on a network of its own. wrangler dev takes CF-Connecting-IP from the request (in
 * production Cloudflare's edge sets it), so each device gets its own client address and the
 * per-address limits of docs/api.md (10 registrations an hour, ...) do not tie unrelated tests
 * of one run together. The address is random in 10.0.0.0/8 (RFC 1918). `options` go to the
 * browser context (a userAgent, a viewport).
 */
export async function newDevice(browser: Browser, options: BrowserContextOptions = {}): Promise<Device> {
  const address = `10.${[0, 0, 0].map(() => 1 + Math.floor(Math.random() * 254)).join('.')}`;
  const context = await browser.newContext({ ...options, extraHTTPHeaders: { 'cf-connecting-ip': address } });
  const page = await context.newPage();
  return { context, page };
}

/** The newest 6-digit code mailed to `email` after `after` (ms), from GET /api/v1/dev/outbox. */
export async function mailedCode(request: APIRequestContext, email: string, after: number): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/v1/dev/outbox?to=${encodeURIComponent(email)}`);
        const { messages } = (await res.json()) as { messages: { text: string; sentAt: number }[] };
        code = messages
          .filter((m) => m.sentAt >= after)
          .map((m) => /\b(\d{6})\b/.exec(m.text)?.[1])
          .findLast((c) => c !== undefined);
        return code;
      },
      { timeout: 10_000 },
    )
    .toBeDefined();
  return code!;
}

/** A new vault on the device, then Settings > Account > Turn on sync with `email`. */
export async function signUp(
  request: APIRequestContext,
  page: Page,
  email: string,
  password = PASSWORD,
  deviceName = 'Device A',
): Promise<void> {
  await createVault(page, password);
  await showAllItems(page);
  await turnOnSync(request, page, email, password, deviceName);
}

export async function turnOnSync(
  request: APIRequestContext,
  page: Page,
  email: string,
  password = PASSWORD,
  deviceName = 'Device A',
): Promise<void> {
  await page.goto('/#/account');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name of this device').fill(deviceName);
  const before = Date.now() - 1_000;
  await page.getByRole('button', { name: 'Send a code' }).click();
  const code = await mailedCode(request, email, before);
  await page.getByLabel('Code from the email').fill(code);
  await page.getByLabel('Master password of this vault', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Turn on sync' }).click();
  await expectSynced(page);
}

/** A device without a vault signs in; the vault comes down and opens. */
export async function signIn(page: Page, email: string, password = PASSWORD, deviceName = 'Device B'): Promise<void> {
  await page.goto('/#/signin');
  await fillSignIn(page, email, password, deviceName);
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({ timeout: 60_000 });
  await expectSynced(page);
  await showAllItems(page);
}

export async function fillSignIn(
  page: Page,
  email: string | null,
  password: string,
  deviceName?: string,
): Promise<void> {
  if (email !== null) await page.getByLabel('Email').fill(email);
  await page.getByLabel('Master password', { exact: true }).fill(password);
  if (deviceName !== undefined) await page.getByLabel('Name of this device').fill(deviceName);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** axe-core in both colour schemes, as a11y.spec.ts does: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map(
        (v) =>
          `${screen} (${colorScheme}): ${v.id} (${v.impact}) ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      ),
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** The list shows records without an OTP too (the default shows codes only). */
export async function showAllItems(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'All items' }).click();
  await expect(page.getByRole('button', { name: 'All items' })).toHaveAttribute('aria-pressed', 'true');
}

export async function expectSynced(page: Page): Promise<void> {
  // Generous: turning sync on runs Argon2id, which takes 15 s and more on a loaded machine.
  await expect(page.locator('.sync-badge')).toHaveText(/^Synced at /, { timeout: 60_000 });
}

/** The engine's state as the page publishes it on <html> (services/sync/status-attributes.ts). */
export async function syncState(
  page: Page,
): Promise<{ state: string; waiting: number; toMerge: number; cursor: number }> {
  return page.evaluate(() => {
    const d = document.documentElement.dataset;
    return {
      state: d.sync ?? 'none',
      waiting: Number(d.syncWaiting),
      toMerge: Number(d.syncToMerge),
      cursor: Number(d.syncCursor),
    };
  });
}

/**
 * Waits until every device's engine is idle with nothing waiting to push or merge and all hold
 * the server's vault up to the same seq: then they hold the same records. Waiting on that state
 * instead of polling the screen makes a late sync a clear failure ("cursor 2, 3") instead of a
 * race with a timer. Returns the common cursor.
 */
export async function settled(...devices: Device[]): Promise<number> {
  return settledPast(-1, ...devices);
}

/** settled(), at a cursor past `cursor`: a change made since then has gone round. */
export async function settledPast(cursor: number, ...devices: Device[]): Promise<number> {
  let states: Awaited<ReturnType<typeof syncState>>[] = [];
  await expect
    .poll(
      async () => {
        states = await Promise.all(devices.map((d) => syncState(d.page)));
        const done = states.every(
          (s) =>
            s.state === 'idle' &&
            s.waiting === 0 &&
            s.toMerge === 0 &&
            s.cursor === states[0]!.cursor &&
            s.cursor > cursor,
        );
        return done ? 'settled' : JSON.stringify(states);
      },
      { timeout: 30_000 },
    )
    .toBe('settled');
  return states[0]!.cursor;
}

/**
 * The server's view of the vault, read with the device's own session: every id the change feed
 * lists from the start (an item twice would be a double) and the account's seq.
 */
export async function serverVault(request: APIRequestContext, page: Page): Promise<{ ids: string[]; seq: number }> {
  const [account] = await readStore<{ token: string }>(page, 'account');
  const res = await request.get('/api/v1/vault/changes?since=0&limit=1000', {
    headers: { authorization: `Bearer ${account!.token}` },
  });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { changes: { id: string }[]; nextCursor: string };
  return { ids: body.changes.map((c) => c.id), seq: Number(body.nextCursor) };
}

/** An address no earlier attempt used: a retried test must not meet the account it made before. */
export function uniqueEmail(name: string): string {
  return `${name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@example.org`;
}

export const row = (page: Page, name: string) =>
  page.locator('.row', { has: page.locator('.row-name', { hasText: name }) });

export interface Fields {
  title?: string;
  username?: string;
  password?: string;
  notes?: string;
}

export async function addRecord(page: Page, fields: Fields & { title: string }, setupKey?: string): Promise<void> {
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('menuitem', { name: 'New login record' }).click();
  await fillFields(page, fields);
  if (setupKey) {
    await page.getByRole('button', { name: 'Enter a setup key' }).click();
    await page.getByLabel('Setup key or otpauth:// link').fill(setupKey);
  }
  await page.getByRole('button', { name: 'Add record' }).click();
  await expect(page.getByRole('heading', { name: fields.title, level: 1 })).toBeVisible();
}

async function fillFields(page: Page, fields: Fields): Promise<void> {
  if (fields.title !== undefined) await page.getByLabel('Title').fill(fields.title);
  if (fields.username !== undefined) await page.getByLabel('Username or email').fill(fields.username);
  if (fields.password !== undefined) await page.getByLabel('Password', { exact: true }).fill(fields.password);
  if (fields.notes !== undefined) await page.getByLabel('Notes').fill(fields.notes);
}

export async function openRecord(page: Page, name: string): Promise<void> {
  await page.goto('/#/');
  await row(page, name)
    .getByRole('button', { name: `Details of ${name}` })
    .click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

export async function editRecord(page: Page, name: string, fields: Fields): Promise<void> {
  await openRecord(page, name);
  await page.getByRole('button', { name: 'Edit' }).click();
  await fillFields(page, fields);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: fields.title ?? name, level: 1 })).toBeVisible();
}

/** The record's fields as the editor shows them (the password in clear). */
export async function readRecord(page: Page, name: string): Promise<Required<Fields>> {
  await openRecord(page, name);
  await page.getByRole('button', { name: 'Edit' }).click();
  const out = {
    title: await page.getByLabel('Title').inputValue(),
    username: await page.getByLabel('Username or email').inputValue(),
    password: await page.getByLabel('Password', { exact: true }).inputValue(),
    notes: await page.getByLabel('Notes').inputValue(),
  };
  await page.goto('/#/');
  return out;
}

export async function lockAndUnlock(page: Page, password = PASSWORD): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, password);
}

/**
 * The --persist-to directory of the wrangler dev serving this run, read from its command line
 * (the config makes a fresh temporary one per run and does not pass it on).
 */
export function persistDir(port: number): string {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const portAt = args.indexOf('--port');
    const dirAt = args.indexOf('--persist-to');
    if (
      args.some((a) => a.includes('wrangler')) &&
      portAt >= 0 &&
      args[portAt + 1] === String(port) &&
      dirAt >= 0 &&
      args[dirAt + 1]
    )
      return args[dirAt + 1]!;
  }
  throw new Error(`no wrangler dev with --port ${port} and --persist-to is running`);
}

/** Every file under `dir` (SQLite databases, their WAL and journal files, blobs). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

// The record most tests start from: a login with a TOTP, made on A before sync was turned on.
export const BANK = {
  title: 'Bank of Lanterns',
  username: 'ada-of-lanterns',
  password: 'lantern-vault-77',
  notes: 'PIN hint: the lighthouse',
};
export const BANK_KEY = 'JBSWY3DPEHPK3PXP';

/** A with a vault holding BANK and sync on; B signed in to the same account. */
export async function pair(
  browser: Browser,
  request: APIRequestContext,
  email: string,
): Promise<{ a: Device; b: Device }> {
  const a = await newDevice(browser);
  const b = await newDevice(browser);
  await signUp(request, a.page, email);
  await a.page.goto('/#/');
  await addRecord(a.page, BANK, BANK_KEY);
  await expectSynced(a.page);
  await signIn(b.page, email);
  await expect(row(b.page, BANK.title)).toHaveCount(1);
  return { a, b };
}

export async function offline(...devices: Device[]) {
  for (const device of devices) await device.context.setOffline(true);
}

export async function online(...devices: Device[]) {
  for (const device of devices) await device.context.setOffline(false);
}

// Everything a test types that only the devices may know: the storage scan (sync-storage.spec.ts)
// looks for each of these in the server's files.
export const NEW_PASSWORD = 'copper kettle 19 orchard whistle';
export const SECRETS = [
  PASSWORD,
  NEW_PASSWORD,
  ...Object.values(BANK),
  BANK_KEY,
  'Harbour Mail',
  'ada@harbour.example',
  'quay-signal-9',
  'changed on A, offline',
  'written on B, offline',
  'Lantern Bank (from A)',
  'Lantern Bank (from B)',
  'edited on B while A deleted it',
  'B, not yet synced',
  'edited on B while locked',
  'ada.lovelace',
  'Pier Locker',
  'locker-code-3141',
];

/**
 * Turns on emailed codes for the account signed in on `page`, through the API (the two-factor
 * screens have specs of their own). Turning a method on proves the master password: authKey,
 * derived here from prelogin's salt and settings as the app does.
 */
export async function turnOnEmailTwoFactor(request: APIRequestContext, page: Page, email: string): Promise<void> {
  const [account] = await readStore<{ token: string }>(page, 'account');
  const headers = { authorization: `Bearer ${account!.token}` };
  const since = Date.now() - 1_000;
  expect((await request.post('/api/v1/twofa/email', { headers })).ok()).toBe(true);
  const code = await mailedCode(request, email, since);
  const { salt, kdf } = (await (await request.post('/api/v1/auth/prelogin', { data: { email } })).json()) as {
    salt: string;
    kdf: KdfParams;
  };
  const { authKey } = splitMasterKey(await deriveMasterKey(PASSWORD, fromBase64url(salt), kdf));
  const confirmed = await request.post('/api/v1/twofa/email/confirm', {
    headers,
    data: { code, authKey: toBase64url(authKey) },
  });
  expect(confirmed.ok()).toBe(true);
}
