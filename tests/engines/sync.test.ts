import { afterAll, describe as group, expect, test } from 'vitest';
import { chromium, type Browser } from '@playwright/test';
import { timeStep, totp } from '@tessera/core/otp/totp';
import { base32Decode } from '@tessera/core/otp/base32';
import {
  BANK,
  BANK_KEY,
  editRecord as editOnChromium,
  expectSynced,
  offline,
  online,
  readRecord as readOnChromium,
  row,
  signIn,
  type Device,
} from '../e2e/sync-helpers.ts';
import { until, type EnginePage } from './driver.ts';
import { addLogin, createVault, LOCK, openRecord, PASSWORD, readLogin, syncNow, turnOnSync } from './flows.ts';
import { ENGINE, useEngine } from './harness.ts';

// Two devices of one account, one in this engine and one in Chromium (Playwright, Debian's
// Chromium), on the suite's wrangler dev: sign up here, sign in there, edits made offline on both
// merged; then two-factor sign-in with an authenticator code, computed by core from the setup
// key the app shows, in a fresh profile of this engine.

const suite = useEngine();
const email = `${ENGINE}-sync-${Date.now()}@example.org`;
// As tests/playwright.config.ts launches it.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let engine: EnginePage;
let browser: Browser;
let other: Device;

afterAll(async () => {
  await browser?.close();
});

group(`sync between ${ENGINE} and Chromium`, () => {
  test(`sign up in ${ENGINE}, sign in on Chromium`, async () => {
    engine = await suite.open();
    await createVault(engine);
    await addLogin(engine, BANK, BANK_KEY);
    await turnOnSync(engine, suite.api, email, `${ENGINE} device`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext({ baseURL: suite.api });
    other = { context, page: await context.newPage() };
    await signIn(other.page, email, PASSWORD, 'Chromium device');
    await expect.poll(() => row(other.page, BANK.title).count()).toBe(1);
  });

  test('edits made offline on both devices are both kept', async () => {
    suite.relay.setOffline(true);
    await offline(other);
    await openRecord(engine, BANK.title);
    await engine.click({ role: 'button', name: 'Edit' });
    await engine.fill({ label: 'Username or email' }, `changed in ${ENGINE}, offline`);
    await engine.click({ role: 'button', name: 'Save' });
    await engine.expectVisible({ text: `changed in ${ENGINE}, offline` });
    await editOnChromium(other.page, BANK.title, { notes: 'written on Chromium, offline' });
    await online(other);
    await expectSynced(other.page);
    suite.relay.setOffline(false);
    const merged = { username: `changed in ${ENGINE}, offline`, notes: 'written on Chromium, offline' };
    // Back online, each device syncs when its user asks (Sync now); the one that pushed first
    // learns of the other's edit on its next sync.
    await until(
      `both edits in ${ENGINE}`,
      async () => {
        await syncNow(engine);
        const seen = await readLogin(engine, BANK.title);
        return seen.username === merged.username && seen.notes === merged.notes;
      },
      60_000,
    );
    await until(
      'both edits on Chromium',
      async () => {
        await other.page.goto('/#/account');
        await other.page.getByRole('button', { name: 'Sync now' }).click();
        await expectSynced(other.page);
        const seen = await readOnChromium(other.page, BANK.title);
        return seen.username === merged.username && seen.notes === merged.notes;
      },
      60_000,
    );
  });

  test(`two-factor sign-in with an authenticator code in a fresh ${ENGINE} profile`, async () => {
    await engine.goto('/#/settings');
    await engine.click({ role: 'button', name: 'Two-factor authentication' });
    await engine.click({ role: 'button', name: 'Turn on…', within: { css: '.twofa-method[data-method="totp"]' } });
    const key = (await engine.text({ css: '[data-testid="twofa-setup-key"]' })).replace(/\s+/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    const secret = base32Decode(key);
    const setupStep = timeStep(Date.now() / 1000);
    await engine.fill({ label: 'Code from the app' }, totp(secret, setupStep * 30));
    // Turning a method on proves the master password (Argon2id first, then the server).
    await engine.fill({ label: 'Master password' }, PASSWORD);
    await engine.click({ role: 'button', name: 'Turn on' });
    await engine.expectVisible({ role: 'heading', name: 'Authenticator app is on. Save your recovery codes' }, 30_000);
    await engine.check({ label: 'I have saved these codes' });
    await engine.click({ role: 'button', name: 'Done' });
    await engine.expectVisible({ css: '[data-testid="twofa-summary"]', text: /Two-factor sign-in is on/ });
    await engine.close();

    const fresh = await suite.open();
    await fresh.goto('/#/signin');
    await fresh.fill({ label: 'Email' }, email);
    await fresh.fill({ label: 'Master password' }, PASSWORD);
    await fresh.fill({ label: 'Name of this device' }, `${ENGINE} again`);
    await fresh.click({ role: 'button', name: 'Sign in' });
    await fresh.expectVisible({ role: 'heading', name: 'Second step' }, 30_000);
    await fresh.click({ role: 'button', name: /^Authenticator app/, within: { css: '.method-list' } });
    // The server takes each step's code once: use a step after the one that turned the app on.
    // It also takes the next step's code early (a ±1 step window), so this one is always good.
    const step = Math.max(setupStep + 1, timeStep(Date.now() / 1000));
    await fresh.fill({ label: 'Code from the app' }, totp(secret, step * 30));
    await fresh.click({ role: 'button', name: 'Verify' });
    await fresh.expectVisible(LOCK, 30_000);
    expect(await readLogin(fresh, BANK.title)).toMatchObject({
      username: `changed in ${ENGINE}, offline`,
      notes: 'written on Chromium, offline',
    });
  });
});
