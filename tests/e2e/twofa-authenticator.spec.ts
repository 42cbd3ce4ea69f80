import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { base32Encode } from '@tessera/core/otp/base32';
import { PASSWORD, signUp } from './sync-helpers.ts';
import {
  choice,
  confirmSaved,
  expectSignedIn,
  method,
  openTwoFactor,
  outboxTexts,
  phoneDevice,
  readRecoveryCodes,
  screenshot,
  signInToChoice,
  startAuthenticator,
} from './fixtures/twofa/steps.ts';

// Authenticator app and recovery codes, end to end: set up on device A from the QR code the app
// draws (decoded from its screenshot, the secret never read from the DOM or the network), then
// sign in on new devices choosing the app or a recovery code; wrong, out-of-window and replayed
// codes and a used recovery code are refused; new recovery codes void the old ones.
test('authenticator app and recovery codes: turn on, sign in with each, refusals', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const email = `twofa-app-${Date.now()}@example.org`;
  const a = await phoneDevice(browser);
  await signUp(request, a.page, email, PASSWORD, 'Phone A');
  await openTwoFactor(a.page);
  await expect(a.page.getByTestId('twofa-summary')).toContainText('Two-factor sign-in is off');
  for (const name of ['totp', 'email', 'sms'] as const)
    await expect(method(a.page, name)).toHaveAttribute('data-state', 'off');
  await expect(method(a.page, 'recovery')).toHaveAttribute('data-state', 'off');

  const { uri, authenticator } = await test.step('the QR code carries the setup key shown beside it', async () => {
    const started = await startAuthenticator(a.page);
    expect(started.uri).toMatch(
      new RegExp(`^otpauth://totp/Tessera:${encodeURIComponent(email).replace(/\./g, '\\.')}\\?`),
    );
    const key = base32Encode(started.authenticator.secret);
    expect(key).toHaveLength(32);
    // Eight groups of four, which read back as the key.
    await expect(a.page.getByTestId('twofa-setup-key').locator('.twofa-key-group')).toHaveText(key.match(/.{4}/g)!);
    await screenshot(a.page, 'enrol-authenticator');
    await a.page.getByLabel('Code from the app').scrollIntoViewIfNeeded();
    await screenshot(a.page, 'enrol-authenticator-code');
    await a.page.getByRole('button', { name: 'Copy key' }).click();
    expect(await a.page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    return started;
  });

  await test.step('a wrong master password or a wrong code leaves the app off; the current code with the password turns it on', async () => {
    // A code alone is not enough: turning a method on proves the master password (checked by the
    // server before the code).
    await a.page.getByLabel('Code from the app').fill(authenticator.wrongCode());
    await a.page.getByRole('button', { name: 'Turn on' }).click();
    await expect(a.page.getByRole('alert')).toHaveText('Enter your master password.');
    await a.page.getByLabel('Master password', { exact: true }).fill('not the password at all');
    await a.page.getByRole('button', { name: 'Turn on' }).click();
    await expect(a.page.getByRole('alert')).toContainText('Wrong master password', { timeout: 20_000 });
    await expect(a.page.getByLabel('Master password', { exact: true })).toBeFocused();
    await a.page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await a.page.getByRole('button', { name: 'Turn on' }).click();
    await expect(a.page.getByRole('alert')).toContainText('not the one expected', { timeout: 20_000 });
    await a.page.getByLabel('Code from the app').fill(await authenticator.freshCode());
    await a.page.getByRole('button', { name: 'Turn on' }).click();
    await expect(
      a.page.getByRole('heading', { name: 'Authenticator app is on. Save your recovery codes' }),
    ).toBeVisible({ timeout: 20_000 });
  });

  const codes = await test.step('recovery codes are shown once: copy all, download, confirm saved', async () => {
    const shown = await readRecoveryCodes(a.page);
    for (const code of shown) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(new Set(shown).size).toBe(10);
    await screenshot(a.page, 'recovery-codes');
    await a.page.getByRole('button', { name: 'Copy all' }).click();
    const copied = await a.page.evaluate(() => navigator.clipboard.readText());
    for (const code of shown) expect(copied).toContain(code);
    const [file] = await Promise.all([
      a.page.waitForEvent('download'),
      a.page.getByRole('button', { name: 'Download .txt' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^tessera-recovery-codes-\d{4}-\d{2}-\d{2}\.txt$/);
    const text = readFileSync(await file.path(), 'utf8');
    expect(text).toContain(email);
    for (const code of shown) expect(text).toContain(code);
    await confirmSaved(a.page);
    await expect(a.page.getByTestId('twofa-summary')).toContainText('Two-factor sign-in is on');
    await expect(method(a.page, 'totp')).toHaveAttribute('data-state', 'on');
    await expect(method(a.page, 'recovery').locator('.twofa-state')).toHaveText('10 of 10 left');
    await screenshot(a.page, 'methods');
    // Nothing shows them again.
    await a.page.goto('/#/');
    await openTwoFactor(a.page);
    await expect(a.page.getByTestId('twofa-recovery-codes')).toHaveCount(0);
    return shown;
  });

  const b = await phoneDevice(browser);
  const used = await test.step("device B: the choice, a wrong code, an expired code, then the app's code", async () => {
    await signInToChoice(b.page, email, PASSWORD, 'Phone B');
    await expect(b.page.locator('.method-list').getByRole('button')).toHaveText([
      /^Authenticator app/,
      /^Recovery code/,
    ]);
    await screenshot(b.page, 'method-choice');
    await choice(b.page, /^Authenticator app/).click();
    await b.page.getByLabel('Code from the app').fill(authenticator.wrongCode());
    await b.page.getByRole('button', { name: 'Verify' }).click();
    await expect(b.page.getByRole('alert')).toContainText(/tries? left/);
    await b.page.getByLabel('Code from the app').fill(authenticator.expiredCode());
    await b.page.getByRole('button', { name: 'Verify' }).click();
    await expect(b.page.getByRole('alert')).toContainText(/tries? left/);
    const code = await authenticator.freshCode();
    await b.page.getByLabel('Code from the app').fill(code);
    await b.page.getByRole('button', { name: 'Verify' }).click();
    await expectSignedIn(b.page);
    return code;
  });

  const c = await phoneDevice(browser);
  await test.step('device C: the code B used is refused as used; a recovery code signs in', async () => {
    await signInToChoice(c.page, email, PASSWORD, 'Phone C');
    await choice(c.page, /^Authenticator app/).click();
    await c.page.getByLabel('Code from the app').fill(used);
    await c.page.getByRole('button', { name: 'Verify' }).click();
    await expect(c.page.getByRole('alert')).toContainText('used already');
    await c.page.getByRole('button', { name: 'Another way' }).click();
    await choice(c.page, /^Recovery code/).click();
    await c.page.getByLabel('Recovery code').fill(codes[0]!.toUpperCase());
    await c.page.getByRole('button', { name: 'Verify' }).click();
    await expectSignedIn(c.page);
    await expect
      .poll(async () =>
        (await outboxTexts(request, email)).some(
          (m) => m.subject === 'Tessera: a recovery code was used' && m.text.includes('9'),
        ),
      )
      .toBe(true);
  });

  const d = await phoneDevice(browser);
  await test.step('device D: the used recovery code is refused', async () => {
    await signInToChoice(d.page, email, PASSWORD, 'Phone D');
    await choice(d.page, /^Recovery code/).click();
    await d.page.getByLabel('Recovery code').fill(codes[0]!);
    await d.page.getByRole('button', { name: 'Verify' }).click();
    await expect(d.page.getByRole('alert')).toContainText('That recovery code was used already. Use another one.');
  });

  const fresh = await test.step('A: 9 left; new codes need the password and void the old set', async () => {
    await openTwoFactor(a.page);
    await expect(method(a.page, 'recovery').locator('.twofa-state')).toHaveText('9 of 10 left');
    await method(a.page, 'recovery').getByRole('button', { name: 'Make new codes…' }).click();
    await expect(a.page.getByText('every earlier recovery code stops working')).toBeVisible();
    await a.page.getByLabel('Master password', { exact: true }).fill('not the password at all');
    await a.page.getByRole('button', { name: 'Make new codes' }).click();
    await expect(a.page.getByRole('alert')).toContainText('Wrong master password', { timeout: 20_000 });
    await a.page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await a.page.getByRole('button', { name: 'Make new codes' }).click();
    await expect(a.page.getByRole('heading', { name: 'Your new recovery codes' })).toBeVisible({ timeout: 20_000 });
    await expect(a.page.getByText('All your earlier recovery codes no longer work.')).toBeVisible();
    const shown = await readRecoveryCodes(a.page);
    expect(shown.filter((code) => codes.includes(code))).toEqual([]);
    await confirmSaved(a.page);
    await expect(method(a.page, 'recovery').locator('.twofa-state')).toHaveText('10 of 10 left');
    return shown;
  });

  await test.step('D: an old, never used recovery code is refused; a new one signs in', async () => {
    await d.page.getByLabel('Recovery code').fill(codes[1]!);
    await d.page.getByRole('button', { name: 'Verify' }).click();
    await expect(d.page.getByRole('alert')).toContainText(/tries? left/);
    await d.page.getByLabel('Recovery code').fill(fresh[0]!);
    await d.page.getByRole('button', { name: 'Verify' }).click();
    await expectSignedIn(d.page);
  });

  for (const device of [a, b, c, d]) await device.context.close();
});
