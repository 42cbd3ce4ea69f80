import { AxeBuilder } from './fixtures/axe.ts';
import { expect, test, type Page } from '@playwright/test';
import { expectServedPolicy, watchCspViolations } from './fixtures/csp.ts';
import { createVault } from './fixtures/vault.ts';
import { PASSWORD, signUp } from './sync-helpers.ts';
import {
  confirmSaved,
  method,
  openTwoFactor,
  phoneDevice,
  screenshot,
  startAuthenticator,
} from './fixtures/twofa/steps.ts';

// Every two-factor view under the policy the worker really sends (no violation) and axe-core
// (no serious or critical violation), in both themes; focus moves to each new view's heading;
// a set-up left half done shows as not finished and can be finished or cancelled.
async function expectNoSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  ).toEqual([]);
}

async function expectFocusOn(page: Page, heading: string) {
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe(heading);
}

test('without sync the screen says to turn it on first', async ({ page }) => {
  await createVault(page);
  // Settings offers it only once there is an account (settings.spec.ts); the address still works.
  await page.goto('/#/twofa');
  await expect(page.getByText('Turn on sync, or sign in to it, first.')).toBeVisible();
  await page.getByRole('button', { name: 'Account & sync…' }).click();
  await expect(page.getByLabel('Email')).toBeVisible();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`two-factor views: CSP, accessibility, focus, unfinished set-up (${scheme})`, async ({ browser, request }) => {
    test.setTimeout(180_000);
    const { context, page } = await phoneDevice(browser);
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await watchCspViolations(page);
    await expectServedPolicy(page);
    const email = `twofa-screens-${scheme}-${Date.now()}@example.org`;
    await signUp(request, page, email, PASSWORD, 'Phone');
    await openTwoFactor(page);
    await expectNoSeriousViolations(page, 'methods, all off');

    const { authenticator } = await startAuthenticator(page);
    await expectFocusOn(page, 'Set up an authenticator app');
    await expectNoSeriousViolations(page, 'authenticator set-up');
    if (scheme === 'dark') await screenshot(page, 'enrol-authenticator-dark');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(method(page, 'totp')).toHaveAttribute('data-state', 'pending');
    await expect(method(page, 'totp').locator('.twofa-state')).toHaveText('Not finished');
    await expect(page.getByTestId('twofa-summary')).toContainText('Two-factor sign-in is off');
    await expectNoSeriousViolations(page, 'methods, one not finished');

    await method(page, 'totp').getByRole('button', { name: 'Cancel the set-up…' }).click();
    await expectFocusOn(page, 'Cancel setting up: Authenticator app');
    await expectNoSeriousViolations(page, 'password step');
    await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Cancel the set-up', exact: true }).click();
    await expect(method(page, 'totp')).toHaveAttribute('data-state', 'off', { timeout: 20_000 });

    await method(page, 'sms').getByRole('button', { name: 'Turn on…' }).click();
    await page.getByLabel('Mobile number').fill('+0 12');
    await page.getByRole('button', { name: 'Send the code' }).click();
    await expect(page.locator('#twofa-phone-problem')).toContainText('never starts with 0');
    await expectNoSeriousViolations(page, 'phone number with a problem');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Finishing a set-up starts it afresh: the QR code the earlier start showed is void.
    const again = await startAuthenticator(page);
    expect(Buffer.from(again.authenticator.secret).equals(Buffer.from(authenticator.secret))).toBe(false);
    await page.getByLabel('Code from the app').fill(await again.authenticator.freshCode());
    await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect(page.getByRole('heading', { name: 'Authenticator app is on. Save your recovery codes' })).toBeVisible({
      timeout: 20_000,
    });
    await expectFocusOn(page, 'Authenticator app is on. Save your recovery codes');
    await expectNoSeriousViolations(page, 'recovery codes');
    if (scheme === 'dark') await screenshot(page, 'recovery-codes-dark');
    await confirmSaved(page);
    await expectNoSeriousViolations(page, 'methods, one on');
    if (scheme === 'dark') await screenshot(page, 'methods-dark');

    expect(violations).toEqual([]);
    await context.close();
  });
}
