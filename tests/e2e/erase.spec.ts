import { expect, test, type Page } from '@playwright/test';
import { readStore } from './fixtures/vault.ts';
import { BANK, expectAccessible, PASSWORD, pair, row, uniqueEmail } from './sync-helpers.ts';

// "A lost device forgets" (issue 19): from A, "Sign out and erase Tessera from that device",
// confirmed with the master password. B, online, hears it on its socket, locks, confirms and
// removes its vault: its IndexedDB holds nothing afterwards. A's list says "erased at"; the
// account keeps the synced copy.
test.describe.configure({ timeout: 180_000 });

const SHOTS = process.env.TRASH_SHOTS;

async function shots(page: Page, name: string) {
  if (!SHOTS) return;
  for (const [w, h] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `${SHOTS}/${name}-${w}-${colorScheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** How many files the automatic backups left in the page's origin private file system. */
async function privateBackups(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    try {
      let count = 0;
      for await (const _name of (await root.getDirectoryHandle('tessera-backups')).keys()) count++;
      return count;
    } catch {
      return 0;
    }
  });
}

test("erasing B from A empties B's IndexedDB; the account keeps the vault", async ({ browser, request }) => {
  const { a, b } = await pair(browser, request, uniqueEmail('erase'));
  expect(await readStore(b.page, 'records')).toHaveLength(1);
  // B wrote an automatic backup of what it synced (a few seconds after the change).
  await expect.poll(() => privateBackups(b.page), { timeout: 30_000 }).toBeGreaterThan(0);

  await a.page.goto('/#/account');
  await expect(a.page.locator('.device-row')).toHaveCount(2);
  await a.page.getByRole('button', { name: 'Sign out and erase Device B' }).click();
  const form = a.page.getByRole('form', { name: 'Sign out and erase Tessera from “Device B”?' });
  await expect(form).toContainText('Your other devices and the sync account keep everything');
  // A wrong password erases nothing and says so.
  await form.getByLabel('Your master password').fill('not the password');
  await form.getByRole('button', { name: 'Sign out and erase' }).click();
  // Argon2id runs first: slow on a loaded machine.
  await expect(form.getByRole('alert')).toContainText('Wrong email or master password', { timeout: 60_000 });
  await shots(a.page, 'erase-confirm');
  await expectAccessible(a.page, 'Devices, erase question');
  expect(await readStore(b.page, 'records')).toHaveLength(1);

  await form.getByLabel('Your master password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign out and erase' }).click();
  await expect(a.page.getByText('“Device B” will erase Tessera the moment it is online')).toBeVisible({
    timeout: 60_000,
  });

  // B heard it: it reloads to a first run with nothing left of the vault.
  await expect(b.page.getByRole('button', { name: 'Create vault' })).toBeVisible({ timeout: 30_000 });
  await expect(b.page.getByRole('status').filter({ hasText: 'Tessera was erased from this device' })).toContainText(
    'as asked from another of your devices',
  );
  await expect(row(b.page, BANK.title)).toHaveCount(0);
  for (const store of ['records', 'meta', 'account', 'pending', 'quarantine', 'local', 'purges'])
    expect(await readStore(b.page, store), store).toEqual([]);
  expect(await privateBackups(b.page)).toBe(0);
  // The message leads straight to the sign-in that brings the synced codes back.
  await b.page.getByRole('link', { name: 'Sign in to bring them back' }).click();
  await expect(b.page.getByRole('heading', { name: 'Sign in to sync' })).toBeVisible();

  // A: B confirmed before wiping, so the list says when; A still has the record.
  await a.page.getByRole('button', { name: 'Refresh the list' }).click();
  await expect(a.page.locator('.erased-row')).toContainText(/Device B\s*Erased at /);
  await expect(a.page.locator('.device-row:not(.erased-row)')).toHaveCount(1);
  await shots(a.page, 'erase-done');
  await a.page.goto('/#/');
  await expect(row(a.page, BANK.title)).toHaveCount(1);

  await a.context.close();
  await b.context.close();
});
