import { AxeBuilder } from './fixtures/axe.ts';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openExport } from './fixtures/transfer/transfer.ts';
import { method } from './fixtures/twofa/steps.ts';
import { createVault } from './fixtures/vault.ts';
import { newDevice, signUp, uniqueEmail } from './sync-helpers.ts';

// Service workers are on in this file, though the suite blocks them by default: the first-run card
// is checked while the service worker installs.
test.use({ serviceWorkers: 'allow' });

// Small things a new user tripped over (issue 21, finding 9): a toast over the first-run card,
// a red strength bar before anything is typed, a translucent header with labels showing through,
// unclear words about opening a backup with Node, "Or type the setup key" numbered as a step of
// its own, and "This dev…" cut in the devices list.
const SHOTS = '/tmp/tessera-shots/polish/';
mkdirSync(SHOTS, { recursive: true });

async function expectNoSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

test('first run: no toast over the card, no red strength bar before typing', async ({ page }) => {
  // Every toast the page ever shows is recorded, so one that came and went is seen too.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __toasts: string[] }).__toasts = seen;
    new MutationObserver(() => {
      for (const toast of document.querySelectorAll('.toast')) seen.push(toast.textContent ?? '');
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  // The service worker finishes installing (the moment "Ready to work offline" used to appear)
  // while the card is on screen.
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.state;
  });

  // Four neutral bars until something is typed.
  const bars = page.locator('#password-strength .strength-bars span');
  const colours = async () => bars.evaluateAll((spans) => spans.map((s) => getComputedStyle(s).backgroundColor));
  const neutral = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.setProperty('color', 'var(--surface-2)');
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  });
  expect(new Set(await colours())).toEqual(new Set([neutral]));
  await page.getByLabel('Master password', { exact: true }).fill('violet tractor 42 meadow lantern');
  await expect.poll(async () => (await colours()).filter((c) => c !== neutral).length).toBeGreaterThan(0);
  await page.getByLabel('Master password', { exact: true }).fill('');
  await expect.poll(async () => new Set(await colours())).toEqual(new Set([neutral]));
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __toasts: string[] }).__toasts)).toEqual([]);
});

test('an opaque header, and plain words for opening a backup without the app', async ({ page }) => {
  await createVault(page);
  const screen = await openExport(page, 'Encrypted backup');
  await expect(screen).toContainText("on any computer with Node.js, Tessera's command-line tool reads it");
  await expect(screen).toContainText('tessera decrypt <file>');
  const header = page.locator('.detail-bar').first();
  const alpha = await header.evaluate((el) => {
    const canvas = document.createElement('canvas').getContext('2d')!;
    canvas.fillStyle = getComputedStyle(el).backgroundColor;
    canvas.fillRect(0, 0, 1, 1);
    return canvas.getImageData(0, 0, 1, 1).data[3];
  });
  expect(alpha).toBe(255);
});

test('authenticator set-up has two steps, the setup key inside the first; "This device" whole', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const { context, page } = await newDevice(browser);
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(request, page, uniqueEmail('polish'), undefined, 'A laptop with a rather long device name here');
  await page.goto('/#/account');
  const badge = page.locator('.device-this');
  await expect(badge).toHaveText('This device');
  // Whole, on one line, and not clipped by the name it follows.
  expect(
    await badge.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const name = el.closest('.row-name')!.getBoundingClientRect();
      return el.scrollWidth <= el.clientWidth + 1 && el.getClientRects().length === 1 && box.bottom <= name.bottom + 1;
    }),
  ).toBe(true);
  await expectNoSeriousViolations(page, 'devices');
  await page.screenshot({ path: `${SHOTS}devices-phone.png` });

  await page.goto('/#/twofa');
  await method(page, 'totp').getByRole('button', { name: 'Turn on…' }).click();
  await expect(page.getByTestId('twofa-qr')).toBeVisible();
  const steps = page.locator('.twofa-steps > li');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toContainText('Or type the setup key');
  await expect(steps.nth(1).getByRole('heading', { level: 3 })).toHaveText(/^Enter the code the app shows now/);
  await expectNoSeriousViolations(page, 'authenticator set-up');
  await page.screenshot({ path: `${SHOTS}authenticator-phone.png`, fullPage: true });
  await context.close();
});
