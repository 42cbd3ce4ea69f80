import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, saveRecoveryKey, understand, unlock } from './fixtures/vault.ts';
import { addRecord, expectAccessible, showAllItems } from './sync-helpers.ts';

// Service workers are on in this file, though the suite blocks them by default: the password reset
// runs offline, served by the service worker.
test.use({ serviceWorkers: 'allow' });

// Issue 19, "Recovery key": made with the vault and shown once; "Forgot password?" on the unlock
// screen takes it and sets a new master password, offline; a newer key retires the older one.
const NEW_PASSWORD = 'amber lighthouse 58 quiet ferry';

async function createVaultKeepingKey(page: Page): Promise<string> {
  await page.goto('/');
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm master password').fill(PASSWORD);
  await understand(page);
  await page.getByRole('button', { name: 'Create vault' }).click();
  return saveRecoveryKey(page);
}

async function forgotPassword(page: Page, key: string, password: string): Promise<void> {
  await page.getByRole('button', { name: 'Forgot password?' }).click();
  const form = page.getByRole('form', { name: 'Set a new master password' });
  await form.getByLabel('Recovery key').fill(key);
  await form.getByLabel('New master password', { exact: true }).fill(password);
  await form.getByLabel('Confirm new master password').fill(password);
  await form.getByRole('button', { name: 'Set the new password' }).click();
}

test('a forgotten master password is reset with the recovery key, offline; the old password stops working', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const key = await createVaultKeepingKey(page);
  expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
  await showAllItems(page);
  await addRecord(page, { title: 'Harbour Mail', username: 'ada@harbour.example' });
  await expect(page.getByRole('region', { name: 'Recovery key' })).toHaveCount(0);

  // The service worker must control the page before it can serve it offline.
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state), {
      timeout: 30_000,
    })
    .toBe('activated');
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Unlock Tessera' })).toBeVisible();

  // A mistyped character is caught by the key's check before anything is tried.
  const mistyped = (key[0] === 'A' ? 'B' : 'A') + key.slice(1);
  await forgotPassword(page, mistyped, NEW_PASSWORD);
  await expect(page.getByRole('alert')).toHaveText(
    'This recovery key has a mistyped character: compare it with your emergency sheet.',
  );
  await page.getByLabel('Recovery key').fill(key.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({ timeout: 60_000 });
  await showAllItems(page);
  await expect(page.locator('.row-name', { hasText: 'Harbour Mail' })).toBeVisible();

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Wrong master password/, { timeout: 30_000 });
  await unlock(page, NEW_PASSWORD);

  // Settings: the reset counted as a check; a new key retires the old one.
  await page.goto('/#/settings');
  const group = page.locator('#recovery-key');
  await expect(group).toContainText(/Made on .+\. Checked on /);
  await group.getByRole('button', { name: 'Make a new recovery key…' }).click();
  await group.getByLabel('Master password').fill(NEW_PASSWORD);
  await group.getByRole('button', { name: 'Make the recovery key' }).click();
  const newer = await saveRecoveryKey(page);
  expect(newer).not.toBe(key);
  await page.goto('/#/settings');
  await expect(group).toContainText('Not checked yet');
  await group.getByRole('button', { name: 'Check the recovery key…' }).click();
  await group.getByLabel('Recovery key').fill(key);
  await group.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(group.getByRole('alert')).toHaveText(/^This is not the current recovery key of this vault/);
  await group.getByLabel('Recovery key').fill(newer);
  await group.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(group).toContainText(/Checked on /);

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await forgotPassword(page, key, PASSWORD);
  await expect(page.getByRole('alert')).toHaveText(
    'This recovery key does not open this vault. If you made a newer recovery key, use that one.',
  );
});

test('a vault made before recovery keys is offered one once; "Not now" hides the offer', async ({ page }) => {
  // Three Argon2id runs (create, two unlocks): minutes on a busy machine.
  test.setTimeout(180_000);
  await createVaultKeepingKey(page);
  // As an older vault: no recovery slot in its meta row.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('tessera');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const store = db.transaction('meta', 'readwrite').objectStore('meta');
      const get = store.get('vault');
      get.onsuccess = () => {
        const put = store.put({ ...get.result, recovery: null });
        put.onsuccess = () => resolve();
        put.onerror = () => reject(put.error);
      };
    });
    db.close();
  });
  await page.reload();
  await unlock(page);
  const offer = page.getByRole('region', { name: 'Recovery key' });
  await expect(offer).toContainText('Make a recovery key');
  await offer.getByRole('button', { name: 'Not now' }).click();
  await expect(offer).toHaveCount(0);
  await page.reload();
  await unlock(page);
  await page.goto('/#/settings');
  await expect(page.locator('#recovery-key')).toContainText('This vault has no recovery key');
  await expect(page.getByRole('region', { name: 'Recovery key' })).toHaveCount(0);
});

// Screenshots (to .state/screenshots/recovery-*.png, git-ignored) at phone and desktop sizes in
// both themes, and axe-core on each screen: the sheet, "Forgot password?", Settings > Recovery key.
test('the recovery screens at phone and desktop sizes, both themes, pass axe', async ({ page }) => {
  test.setTimeout(240_000);
  const out = fileURLToPath(new URL('../../.state/screenshots/', import.meta.url));
  mkdirSync(out, { recursive: true });
  const sizes = [
    { name: 'phone', width: 390, height: 844 },
    { name: 'desktop', width: 1280, height: 800 },
  ] as const;
  const shoot = async (screen: string) => {
    for (const size of sizes) {
      await page.setViewportSize(size);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
        await page.screenshot({ path: `${out}recovery-${screen}-${size.name}-${colorScheme}.png`, fullPage: true });
      }
    }
    await page.emulateMedia({ colorScheme: null });
    await expectAccessible(page, screen);
  };

  await page.goto('/');
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm master password').fill(PASSWORD);
  await understand(page);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('img', { name: 'QR code of the recovery key' })).toBeVisible({ timeout: 30_000 });
  await shoot('sheet');
  await saveRecoveryKey(page);

  await page.goto('/#/settings');
  await page.locator('#recovery-key').scrollIntoViewIfNeeded();
  await shoot('settings');

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('button', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('form', { name: 'Set a new master password' })).toBeVisible();
  await shoot('forgot');
});
