import { expect, test } from '@playwright/test';
import { GITHUB, BANK } from './fixtures/otps.ts';
import { createVault, readStore, seedRecords, unlock } from './fixtures/vault.ts';
import { expectAccessible, row } from './sync-helpers.ts';

// Recently deleted on a vault kept on one device (issue 19, "Trash with an end"): the retention
// period purges what was deleted longer ago than it, at unlock; "Empty" purges the rest, asked
// first. Purged means gone from the device's IndexedDB, not only hidden.
const DAY_MS = 86_400_000;

test('the retention period purges old deletions at unlock, and Empty purges the rest', async ({ page }) => {
  await createVault(page);
  const now = Date.now();
  const [keep] = await seedRecords(page, [{ title: 'Keep me', otp: GITHUB }]);
  const recent = await seedRecords(
    page,
    [{ title: 'Deleted yesterday', otp: BANK }, { title: 'Deleted last week' }],
    undefined,
    {
      at: now - 2 * DAY_MS,
      deleted: true,
    },
  );
  const [old] = await seedRecords(page, [{ title: 'Deleted long ago', otp: BANK }], undefined, {
    at: now - 40 * DAY_MS,
    deleted: true,
  });

  // Unlocking sweeps: the 40-day-old deletion is past the default 30 days.
  await page.reload();
  await unlock(page);
  await page.goto('/#/deleted');
  await expect(page.getByText('deleted forever 30 days after you delete them')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Restore Deleted yesterday' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Restore Deleted last week' })).toBeVisible();
  await expect(page.getByText('28 days left').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Restore Deleted long ago' })).toHaveCount(0);
  await expect.poll(async () => (await readStore<{ id: string }>(page, 'records')).map((r) => r.id)).not.toContain(old);

  // Empty asks first, names the codes at stake, then removes both for good.
  await page.getByRole('button', { name: 'Empty Recently deleted…' }).click();
  const question = page.getByRole('group', { name: 'Delete all 2 forever?' });
  await expect(question).toContainText('2 records are removed from this device. This cannot be undone.');
  await expect(question).toContainText('One of these holds a two-factor code.');
  await expectAccessible(page, 'Recently deleted, emptying');
  await question.getByRole('button', { name: 'Empty Recently deleted' }).click();
  await expect(page.getByText('Recently deleted is empty')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nothing deleted' })).toBeVisible();
  const left = (await readStore<{ id: string }>(page, 'records')).map((r) => r.id);
  expect(left).toEqual([keep]);
  for (const id of recent) expect(left).not.toContain(id);

  // The live record was never touched.
  await page.goto('/#/');
  await expect(row(page, 'Keep me')).toHaveCount(1);
});
