import { expect, test } from '@playwright/test';
import { PASSWORD, signUp } from './sync-helpers.ts';
import {
  choice,
  confirmSaved,
  expectSignedIn,
  method,
  openTwoFactor,
  outboxCode,
  outboxTexts,
  phoneDevice,
  readRecoveryCodes,
  screenshot,
  signInToChoice,
} from './fixtures/twofa/steps.ts';

// Email and text-message codes, end to end: set up on device A with the codes the worker's dev
// outbox holds, sign in on new devices choosing each channel (the code is sent only once the
// channel is chosen), then turn methods off with the master password until a password alone
// signs in again.
const NUMBER = '+447700900123';

test('email and text-message codes: turn on, sign in with each, turn off', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const email = `twofa-codes-${Date.now()}@example.org`;
  const a = await phoneDevice(browser);
  await signUp(request, a.page, email, PASSWORD, 'Phone A');
  await openTwoFactor(a.page);

  await test.step('email: a wrong code is refused, the mailed one turns it on and shows the recovery codes', async () => {
    await method(a.page, 'email').getByRole('button', { name: 'Turn on…' }).click();
    await expect(a.page.getByText(email)).toBeVisible();
    const before = Date.now() - 1_000;
    await a.page.getByRole('button', { name: 'Send the code' }).click();
    await expect(a.page.getByRole('status').filter({ hasText: 'A 6-digit code was sent by email' })).toContainText(
      email,
    );
    const code = await outboxCode(request, email, before);
    await a.page.getByLabel('Code from the email').fill(String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
    await a.page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await a.page.getByRole('button', { name: 'Turn on', exact: true }).click();
    await expect(a.page.getByRole('alert')).toContainText(/tries? left/, { timeout: 20_000 });
    await expect(a.page.getByRole('button', { name: /^Send a new code \(\d+ s\)$/ })).toBeDisabled();
    await a.page.getByLabel('Code from the email').fill(code);
    await a.page.getByRole('button', { name: 'Turn on', exact: true }).click();
    await expect(a.page.getByRole('heading', { name: 'Code by email is on. Save your recovery codes' })).toBeVisible({
      timeout: 20_000,
    });
    await readRecoveryCodes(a.page);
    await confirmSaved(a.page);
    await expect(method(a.page, 'email')).toHaveAttribute('data-state', 'on');
  });

  await test.step('text message: the number is checked with a helpful message, then confirmed by the texted code', async () => {
    await method(a.page, 'sms').getByRole('button', { name: 'Turn on…' }).click();
    await expect(a.page.getByText("carrier's rates for text messages may apply")).toBeVisible();
    await expect(a.page.getByText('Start with + and the country code')).toBeVisible();
    await a.page.getByLabel('Mobile number').fill('07700 900123');
    await a.page.getByRole('button', { name: 'Send the code' }).click();
    await expect(a.page.locator('#twofa-phone-problem')).toHaveText(/Add the country code: .*\+44 7700900123/);
    await expect(a.page.getByLabel('Mobile number')).toHaveAttribute('aria-invalid', 'true');
    await a.page.getByLabel('Mobile number').fill('+44 (7700) 900-123');
    await screenshot(a.page, 'enrol-sms');
    const before = Date.now() - 1_000;
    await a.page.getByRole('button', { name: 'Send the code' }).click();
    // The number just typed, whole (not masked), so a typo in it can be seen.
    await expect(
      a.page.getByRole('status').filter({ hasText: 'A 6-digit code was sent by text message' }),
    ).toContainText(NUMBER);
    const code = await outboxCode(request, NUMBER, before);
    await a.page.getByLabel('Code from the text message').fill(code);
    await a.page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await a.page.getByRole('button', { name: 'Turn on', exact: true }).click();
    // Not the first method: no new recovery codes, straight back to the list.
    await expect(method(a.page, 'sms')).toHaveAttribute('data-state', 'on', { timeout: 20_000 });
    await expect(method(a.page, 'sms')).toContainText(NUMBER);
    await expect(method(a.page, 'recovery').locator('.twofa-state')).toHaveText('10 of 10 left');
  });

  const b = await phoneDevice(browser);
  await test.step('device B chooses email: the code is sent only then; a wrong one first', async () => {
    const before = Date.now() - 1_000;
    await signInToChoice(b.page, email, PASSWORD, 'Phone B');
    // Each code's destination, masked, before a method is picked.
    await expect(b.page.locator('.method-list').getByRole('button')).toHaveText([
      /^Code by emailEmail a code to t•••@example\.org$/,
      /^Code by text messageText a code to \+•+23$/,
      /^Recovery code/,
    ]);
    await expect(b.page.locator('.method-list')).not.toContainText(email);
    await screenshot(b.page, 'method-choice-three');
    // Nothing was sent for the sign-in before a channel was chosen.
    expect((await outboxTexts(request, email)).filter((m) => m.subject.startsWith('Tessera sign-in code'))).toEqual([]);
    await choice(b.page, /^Code by email/).click();
    const code = await outboxCode(request, email, before);
    await b.page.getByLabel('Code from the email').fill(String((Number(code) + 500_000) % 1_000_000).padStart(6, '0'));
    await b.page.getByRole('button', { name: 'Verify' }).click();
    await expect(b.page.getByRole('alert')).toContainText(/tries? left/);
    await b.page.getByLabel('Code from the email').fill(code);
    await b.page.getByRole('button', { name: 'Verify' }).click();
    await expectSignedIn(b.page);
  });

  const c = await phoneDevice(browser);
  await test.step('device C chooses a text message', async () => {
    const before = Date.now() - 1_000;
    await signInToChoice(c.page, email, PASSWORD, 'Phone C');
    await choice(c.page, /^Code by text message/).click();
    const code = await outboxCode(request, NUMBER, before);
    await c.page.getByLabel('Code from the text message').fill(code);
    await c.page.getByRole('button', { name: 'Verify' }).click();
    await expectSignedIn(c.page);
  });

  await test.step('A turns text messages off with the master password (a wrong one first)', async () => {
    await method(a.page, 'sms').getByRole('button', { name: 'Turn off…' }).click();
    await expect(a.page.getByText('The other methods stay on.')).toBeVisible();
    await a.page.getByLabel('Master password', { exact: true }).fill('not my password');
    await a.page.getByRole('button', { name: 'Turn off', exact: true }).click();
    await expect(a.page.getByRole('alert')).toContainText('Wrong master password', { timeout: 20_000 });
    await a.page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await a.page.getByRole('button', { name: 'Turn off', exact: true }).click();
    await expect(method(a.page, 'sms')).toHaveAttribute('data-state', 'off', { timeout: 20_000 });
    await expect(method(a.page, 'sms')).not.toContainText(NUMBER);
  });

  const d = await phoneDevice(browser);
  await test.step('device D is offered only what is still on', async () => {
    await signInToChoice(d.page, email, PASSWORD, 'Phone D');
    await expect(d.page.locator('.method-list').getByRole('button')).toHaveText([/^Code by email/, /^Recovery code/]);
    await d.page.getByRole('button', { name: 'Cancel' }).click();
  });

  await test.step('A turns email off, the last method: two-factor sign-in is off and a password alone signs in', async () => {
    await method(a.page, 'email').getByRole('button', { name: 'Turn off…' }).click();
    await expect(a.page.getByText('This is the only method on')).toBeVisible();
    await a.page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await a.page.getByRole('button', { name: 'Turn off', exact: true }).click();
    await expect(a.page.getByTestId('twofa-summary')).toContainText('Two-factor sign-in is off', { timeout: 20_000 });
    await expect(method(a.page, 'recovery')).toHaveAttribute('data-state', 'off');
    const changes = (await outboxTexts(request, email)).filter(
      (m) => m.subject === 'Tessera: two-factor sign-in changed',
    );
    expect(changes.length).toBeGreaterThanOrEqual(4);
    await d.page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await d.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectSignedIn(d.page);
  });

  for (const device of [a, b, c, d]) await device.context.close();
});
