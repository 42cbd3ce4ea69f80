import { fromBase64url, toBase64url } from '@tessera/core/crypto/bytes';
import { deriveMasterKey, type KdfParams } from '@tessera/core/crypto/kdf';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readStore, saveRecoveryKey, understand, unlock } from './fixtures/vault.ts';
import {
  BANK,
  BANK_KEY,
  PASSWORD,
  addRecord,
  expectSynced,
  fillSignIn,
  mailedCode,
  newDevice,
  row,
  showAllItems,
  signIn,
  syncState,
  turnOnEmailTwoFactor,
  turnOnSync,
  uniqueEmail,
} from './sync-helpers.ts';

// Issue 19, "Recovery key", server half (docs/api.md, "Recovery key"): on a synced account
// "Forgot password?" resets the account's password too, behind its second factor; another
// device then signs in with the new password; a new recovery key retires the old one on every
// device.
const NEW_PASSWORD = 'amber lighthouse 58 quiet ferry';

interface Meta {
  recovery: { slot: Uint8Array; onServer?: boolean } | null;
}

async function slotOf(page: Page): Promise<string> {
  const [meta] = await readStore<Meta>(page, 'meta');
  return toBase64url(Uint8Array.from(Object.values(meta!.recovery!.slot)));
}

async function emailCode(page: Page, request: APIRequestContext, email: string): Promise<void> {
  const since = Date.now() - 1_000;
  await page.getByRole('button', { name: /Code by email/ }).click();
  await expect(page.getByText(`Code sent to ${email}.`)).toBeVisible();
  await page.getByLabel('Code from the email').fill(await mailedCode(request, email, since));
  await page.getByRole('button', { name: 'Verify' }).click();
}

async function passwordSignInStatus(request: APIRequestContext, email: string, password: string): Promise<number> {
  const { salt, kdf } = (await (await request.post('/api/v1/auth/prelogin', { data: { email } })).json()) as {
    salt: string;
    kdf: KdfParams;
  };
  const { authKey } = splitMasterKey(await deriveMasterKey(password, fromBase64url(salt), kdf));
  const answer = await request.post('/api/v1/auth/signin', {
    data: { email, authKey: toBase64url(authKey), deviceName: 'Probe' },
  });
  return answer.status();
}

test('forgot password on a synced account resets it behind the second factor; other devices use the new password', async ({
  browser,
  request,
}) => {
  // Nine Argon2id runs on a machine others share.
  test.setTimeout(420_000);
  const email = uniqueEmail('recovery-sync');
  const a = await newDevice(browser);
  await a.page.goto('/');
  await a.page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await a.page.getByLabel('Confirm master password').fill(PASSWORD);
  await understand(a.page);
  await a.page.getByRole('button', { name: 'Create vault' }).click();
  const key = await saveRecoveryKey(a.page);
  await showAllItems(a.page);
  await addRecord(a.page, BANK, BANK_KEY);
  // Turning sync on stores the vault's recovery key with the account.
  await turnOnSync(request, a.page, email);
  await a.page.goto('/#/settings');
  await expect(a.page.locator('#recovery-key')).toContainText('Your sync account holds it too');

  // Another device signs in (before two-factor sign-in is on) and takes the same slot.
  const b = await newDevice(browser);
  await signIn(b.page, email, PASSWORD, 'Device B');
  expect(await slotOf(b.page)).toBe(await slotOf(a.page));
  await turnOnEmailTwoFactor(request, a.page, email);

  // Device A forgot the password.
  await a.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await a.page.getByRole('button', { name: 'Forgot password?' }).click();
  const form = a.page.getByRole('form', { name: 'Set a new master password' });
  await expect(form).toContainText("Your sync account's password changes too");
  await form.getByLabel('Recovery key').fill(key);
  await form.getByLabel('New master password', { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel('Confirm new master password').fill(NEW_PASSWORD);
  await form.getByRole('button', { name: 'Set the new password' }).click();
  // The account asks for its second factor; until it is right, the old password still signs in.
  await expect(a.page.getByRole('heading', { name: 'Confirm it is you' })).toBeVisible({ timeout: 90_000 });
  expect(await passwordSignInStatus(request, email, PASSWORD)).toBe(200);
  await emailCode(a.page, request, email);
  await expect(a.page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({ timeout: 30_000 });
  await expectSynced(a.page);
  await showAllItems(a.page);
  await expect(row(a.page, BANK.title)).toHaveCount(1);

  // The account's password is the new one: the old is refused, device B was signed out.
  expect(await passwordSignInStatus(request, email, PASSWORD)).toBe(401);
  await expect.poll(async () => (await syncState(b.page)).state, { timeout: 60_000 }).toBe('signed-out');
  const mails = (await (await request.get(`/api/v1/dev/outbox?to=${encodeURIComponent(email)}`)).json()) as {
    messages: { subject: string; text: string }[];
  };
  expect(mails.messages.some((m) => m.subject === 'Tessera: password reset with the recovery key')).toBe(true);
  expect(JSON.stringify(mails)).not.toContain(key);

  // A new device signs in with the new password (and the second factor) and gets the vault.
  const c = await newDevice(browser);
  await c.page.goto('/#/signin');
  await fillSignIn(c.page, email, NEW_PASSWORD, 'Device C');
  await expect(c.page.getByRole('heading', { name: 'Second step' })).toBeVisible({ timeout: 60_000 });
  await emailCode(c.page, request, email);
  await expect(c.page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({ timeout: 60_000 });
  await expectSynced(c.page);
  await showAllItems(c.page);
  await expect(row(c.page, BANK.title)).toHaveCount(1);
  expect(await slotOf(c.page)).toBe(await slotOf(a.page));

  // A new recovery key made on device A retires the old one on device C at its next contact.
  await a.page.goto('/#/settings');
  const group = a.page.locator('#recovery-key');
  await group.getByRole('button', { name: 'Make a new recovery key…' }).click();
  await expect(group).toContainText('on every device of your sync account');
  await group.getByLabel('Master password').fill(NEW_PASSWORD);
  await group.getByRole('button', { name: 'Make the recovery key' }).click();
  const newer = await saveRecoveryKey(a.page);
  expect(newer).not.toBe(key);
  const newSlot = await slotOf(a.page);
  await c.page.reload();
  await unlock(c.page, NEW_PASSWORD);
  await expect.poll(() => slotOf(c.page), { timeout: 30_000 }).toBe(newSlot);
  await c.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await c.page.getByRole('button', { name: 'Forgot password?' }).click();
  await c.page.getByLabel('Recovery key').fill(key);
  await c.page.getByLabel('New master password', { exact: true }).fill(PASSWORD);
  await c.page.getByLabel('Confirm new master password').fill(PASSWORD);
  await c.page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(c.page.getByRole('alert')).toHaveText(
    'This recovery key does not open this vault. If you made a newer recovery key, use that one.',
  );
  for (const device of [a, b, c]) await device.context.close();
});
