import { expect, test } from '@playwright/test';
import { BANK, editRecord, expectSynced, fillSignIn, lockAndUnlock, NEW_PASSWORD, offline, online, pair, PASSWORD, readRecord } from './sync-helpers.ts';

// The account seen from two devices: ending a device's session from the other, and changing
// the password. Neither may cost the signed-out device a single change.
test.describe.configure({ timeout: 120_000 });

test('revoked from A, B is asked to sign in, keeps its unsynced edit and pushes it afterwards', async ({ browser, request }) => {
  const { a, b } = await pair(browser, request, 'revoke@example.org');
  await offline(b);
  await editRecord(b.page, BANK.title, { notes: 'B, not yet synced' });

  await a.page.goto('/#/account');
  await expect(a.page.locator('.device-row')).toHaveCount(2);
  await expect(a.page.locator('.device-row', { hasText: 'This device' })).toContainText('Device A');
  await a.page.getByRole('button', { name: 'Sign out Device B' }).click();
  await expect(a.page.locator('.device-row')).toHaveCount(1);

  await online(b);
  const banner = b.page.locator('.sync-banner');
  await expect(banner).toContainText('Sign in to keep syncing', { timeout: 20_000 });
  await expect(banner).toContainText('1 change waiting to sync: they are kept and sent after you sign in');
  expect((await readRecord(b.page, BANK.title)).notes).toBe('B, not yet synced');

  await b.page.locator('.sync-banner').getByRole('link', { name: 'Sign in' }).click();
  await expect(b.page.getByLabel('Email')).toHaveValue('revoke@example.org');
  await fillSignIn(b.page, null, PASSWORD);
  await expectSynced(b.page);
  await expect.poll(() => readRecord(a.page, BANK.title), { timeout: 20_000 }).toEqual({ ...BANK, notes: 'B, not yet synced' });
  await a.context.close();
  await b.context.close();
});

test('a password changed on A signs B out; B signs in with the new one, which then unlocks it', async ({ browser, request }) => {
  const { a, b } = await pair(browser, request, 'password@example.org');
  await a.page.goto('/#/account');
  await a.page.getByRole('button', { name: 'Change master password…' }).click();
  await a.page.getByLabel('Current master password', { exact: true }).fill(PASSWORD);
  await a.page.getByLabel('New master password', { exact: true }).fill(NEW_PASSWORD);
  await a.page.getByLabel('Confirm new master password', { exact: true }).fill(NEW_PASSWORD);
  await a.page.getByRole('button', { name: 'Change password' }).click();
  await expect(a.page.locator('.toast')).toContainText('1 other device must sign in with it', { timeout: 20_000 });

  // B learns at once: the server closes its socket, and its next request is refused.
  await expect(b.page.locator('.sync-banner')).toContainText('Sign in to keep syncing', { timeout: 20_000 });
  await b.page.locator('.sync-banner').getByRole('link', { name: 'Sign in' }).click();
  await fillSignIn(b.page, null, PASSWORD);
  await expect(b.page.getByRole('alert').filter({ hasText: 'Wrong email or master password.' })).toBeVisible({ timeout: 20_000 });
  await fillSignIn(b.page, null, NEW_PASSWORD);
  await expectSynced(b.page);

  // Both devices' vaults now open with the new password only.
  await lockAndUnlock(b.page, NEW_PASSWORD);
  await expect(b.page.locator('.sync-badge')).toHaveText(/^Synced at /, { timeout: 20_000 });
  await a.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await a.page.getByLabel('Master password').fill(PASSWORD);
  await a.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(a.page.getByText(/Wrong master password/)).toBeVisible({ timeout: 20_000 });
  await a.page.getByLabel('Master password').fill(NEW_PASSWORD);
  await a.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(a.page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({ timeout: 20_000 });
  expect(await readRecord(b.page, BANK.title)).toEqual(BANK);
  await a.context.close();
  await b.context.close();
});
