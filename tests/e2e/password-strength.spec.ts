import { expect, test } from '@playwright/test';
import { createVault, understand } from './fixtures/vault.ts';
import { expectSynced, mailedCode, newDevice, NEW_PASSWORD, signIn } from './sync-helpers.ts';

// Issue 19, "Passwords that hold": zxcvbn-ts rates passwords in a worker; a vault that stays on
// the device needs "Fair", a vault that syncs (and a backup) "Strong". Turning sync on re-checks
// the vault's current password and offers to change it right there.

test("the meter rates the issue's examples as zxcvbn does, and a weak master password is refused", async ({ page }) => {
  await page.goto('/');
  const field = page.getByLabel('Master password', { exact: true });
  const meter = page.locator('#password-strength');
  for (const [password, label] of [
    ['correct horse battery', 'Very strong'],
    ['1q2w3e4r5t6y', 'Weak'],
    ['zaq1@WSXcde3', 'Fair'],
    ['P@ssw0rd2024!', 'Fair'],
  ] as const) {
    await field.fill(password);
    await expect(meter.locator('strong')).toHaveText(label, { timeout: 30_000 });
  }
  await expect(meter).toContainText('This is similar to a commonly used password.');

  await field.fill('1q2w3e4r5t6y');
  await page.getByLabel('Confirm master password').fill('1q2w3e4r5t6y');
  await understand(page);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('alert').first()).toHaveText(
    /^This password is weak; it must be at least fair to protect this vault\. This is a commonly used password\./,
  );
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
});

test('turning sync on refuses a fair master password and changes it right there; a second device signs in with the new one', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const email = `strength-${Date.now()}@example.com`;
  const a = await newDevice(browser);
  await createVault(a.page, 'Summer2024!');

  await a.page.goto('/#/account');
  await a.page.getByLabel('Email').fill(email);
  await a.page.getByLabel('Name of this device').fill('Device A');
  const before = Date.now() - 1_000;
  await a.page.getByRole('button', { name: 'Send a code' }).click();
  await a.page.getByLabel('Code from the email').fill(await mailedCode(request, email, before));
  await a.page.getByLabel('Master password of this vault', { exact: true }).fill('Summer2024!');
  await a.page.getByRole('button', { name: 'Turn on sync' }).click();

  const form = a.page.getByRole('form', { name: 'Choose a stronger master password' });
  await expect(form.getByRole('alert')).toHaveText(
    /^This password is fair; it must be at least strong for a vault that syncs/,
  );

  await form.getByLabel('New master password', { exact: true }).fill('zaq1@WSXcde3');
  await form.getByLabel('Confirm new master password').fill('zaq1@WSXcde3');
  await form.getByRole('button', { name: 'Change password and turn on sync' }).click();
  await expect(form.locator('.form-error')).toHaveText(/^This password is fair; it must be at least strong/);

  await form.getByLabel('New master password', { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel('Confirm new master password').fill(NEW_PASSWORD);
  await form.getByRole('button', { name: 'Change password and turn on sync' }).click();
  // Two Argon2id runs (the current password, the new one) before the account exists.
  await expect(form).toBeHidden({ timeout: 60_000 });
  await expectSynced(a.page);

  // The vault now opens with the new password only, and it is the account's password.
  await a.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await a.page.getByLabel('Master password').fill('Summer2024!');
  await a.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(a.page.getByRole('alert')).toHaveText(/Wrong master password/, { timeout: 60_000 });
  const b = await newDevice(browser);
  await signIn(b.page, email, NEW_PASSWORD);
  await a.context.close();
  await b.context.close();
});
