import { expect, test, type Page } from '@playwright/test';
import {
  addRecord,
  BANK,
  BANK_KEY,
  expectAccessible,
  expectSynced,
  newDevice,
  signIn,
  signUp,
  uniqueEmail,
} from './sync-helpers.ts';

// Issue 21, finding 9: two devices the user named alike ("Phone" twice) are told apart in the
// devices list by the browser and OS each said it was at sign-in (docs/web-sync.md, "Devices").
// Each browser context gets its own user agent, as a real phone would have.
test.describe.configure({ timeout: 180_000 });

const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

const SHOTS = process.env.DEVICES_SHOTS;

async function shots(page: Page, name: string) {
  if (!SHOTS) return;
  for (const [w, h] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.locator('.device-list').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/${name}-${w}-${colorScheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: null });
}

// Every line of a row is whole: nothing is cut or hidden by overflow, at this width.
async function expectRowsWhole(page: Page) {
  const cut = await page.locator('.device-row:not(.erased-row)').evaluateAll((rows) =>
    rows.flatMap((row) => {
      const box = row.getBoundingClientRect();
      return [...row.querySelectorAll<HTMLElement>('.row-name, .row-account, .device-this')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return el.scrollWidth > el.clientWidth + 1 || r.left < box.left - 1 || r.right > box.right + 1;
        })
        .map((el) => el.textContent);
    }),
  );
  expect(cut).toEqual([]);
  // The kind and the day each stay on one line: a narrow row breaks at the "·", not in a date.
  const broken = await page.locator('.device-kind .keep-together').evaluateAll((parts) =>
    parts
      // One rect per text piece (Chromium), so count the lines they sit on.
      .filter((el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size > 1)
      .map((el) => el.textContent),
  );
  expect(broken).toEqual([]);
}

test('two devices both named "Phone" show their own browser and OS, this device too', async ({ browser, request }) => {
  const email = uniqueEmail('kinds');
  const a = await newDevice(browser, { userAgent: ANDROID_CHROME });
  const b = await newDevice(browser, { userAgent: IPHONE_SAFARI });
  await signUp(request, a.page, email, undefined, 'Phone');
  await a.page.goto('/#/');
  await addRecord(a.page, BANK, BANK_KEY);
  await expectSynced(a.page);
  await signIn(b.page, email, undefined, 'Phone');

  for (const [device, mine, other] of [
    [a, 'Chrome on Android', 'Safari on iOS'],
    [b, 'Safari on iOS', 'Chrome on Android'],
  ] as const) {
    const { page } = device;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/#/account');
    const rows = page.locator('.device-row:not(.erased-row)');
    await expect(rows).toHaveCount(2);
    await expect(rows.locator('.row-name')).toHaveText([/^Phone/, /^Phone/]);
    const current = rows.filter({ hasText: 'This device' });
    await expect(current.locator('.device-kind')).toHaveText(new RegExp(`^${mine} · signed in `));
    const another = rows.filter({ hasNotText: 'This device' });
    await expect(another.locator('.device-kind')).toHaveText(new RegExp(`^${other} · signed in `));
    await expect(another.getByRole('button', { name: 'Sign out Phone' })).toBeVisible();
    await expectRowsWhole(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectRowsWhole(page);
  }

  await shots(a.page, 'devices-a');
  await shots(b.page, 'devices-b');
  await expectAccessible(a.page, 'Devices with their kinds');

  await a.context.close();
  await b.context.close();
});
