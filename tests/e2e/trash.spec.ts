import { expect, test, type Page } from '@playwright/test';
import { fromBase64url } from '@tessera/core/crypto/bytes';
import { deletionSecret } from '@tessera/core/crypto/deletion';
import { readStore, vaultKeyOf } from './fixtures/vault.ts';
import { BANK, expectAccessible, openRecord, pair, row, settled, settledPast, uniqueEmail } from './sync-helpers.ts';

// Recently deleted with an end (issue 19): "Delete forever" on one device removes the item from
// the sync server and from every other device, and the server keeps no envelope of it. The
// other device removes its copy only because the purge's proof is the item's deletion secret
// under its own vault key (docs/vault-format.md, "Deletion proof").
test.describe.configure({ timeout: 180_000 });

const SHOTS = process.env.TRASH_SHOTS;

async function shots(page: Page, name: string) {
  if (!SHOTS) return;
  for (const [w, h] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `${SHOTS}/${name}-${w}-${colorScheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('a purge on A removes the item on B and the server keeps no envelope of it', async ({ browser, request }) => {
  const { a, b } = await pair(browser, request, uniqueEmail('purge'));
  const [bankRow] = await readStore<{ id: string }>(a.page, 'records');
  const id = bankRow!.id;

  // The detail screen reminds that the site's two-factor sign-in should go first.
  await openRecord(a.page, BANK.title);
  await expect(a.page.getByText('Turn off two-factor sign-in at the site first')).toBeVisible();
  await a.page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(row(a.page, BANK.title)).toHaveCount(0);
  const deletedAt = await settled(a, b);
  await b.page.goto('/#/deleted');
  await expect(b.page.getByRole('button', { name: `Restore ${BANK.title}` })).toBeVisible();

  await a.page.goto('/#/deleted');
  await expect(a.page.getByText('deleted forever 30 days after you delete them')).toBeVisible();
  await a.page.getByRole('button', { name: `Delete forever: ${BANK.title}` }).click();
  const question = a.page.getByRole('group', { name: `Delete “${BANK.title}” forever?` });
  await expect(question).toContainText('from this device, your other devices and the sync server');
  await expect(question).toContainText('This record holds a two-factor code.');
  await shots(a.page, 'trash-confirm');
  await expectAccessible(a.page, 'Recently deleted, asking');
  await question.getByRole('button', { name: 'Delete forever' }).click();
  await expect(a.page.getByText(`Deleted “${BANK.title}” forever`)).toBeVisible();
  await expect(a.page.getByRole('heading', { name: 'Nothing deleted' })).toBeVisible();
  await settledPast(deletedAt, a, b);

  // B removed it: not in Recently deleted, no row in its IndexedDB, nothing parked.
  await expect(b.page.getByRole('heading', { name: 'Nothing deleted' })).toBeVisible();
  expect((await readStore<{ id: string }>(b.page, 'records')).map((r) => r.id)).not.toContain(id);
  expect(await readStore(b.page, 'pending')).toEqual([]);
  expect(await readStore(a.page, 'purges')).toEqual([]);

  // The server, through its changes feed from the start: the item's only row is a purge marker
  // with no envelope, and its proof is the deletion secret of this vault's key.
  const [account] = await readStore<{ token: string }>(a.page, 'account');
  const res = await request.get('/api/v1/vault/changes?since=0', {
    headers: { authorization: `Bearer ${account!.token}` },
  });
  expect(res.status()).toBe(200);
  const feed = (await res.json()) as { changes: { id: string; envelope?: string; deleted?: true; proof?: string }[] };
  const rows = feed.changes.filter((c) => c.id === id);
  expect(rows).toHaveLength(1);
  expect(rows[0]).not.toHaveProperty('envelope');
  expect(rows[0]).toMatchObject({ deleted: true });
  const { vaultKey } = await vaultKeyOf(a.page);
  expect(fromBase64url(rows[0]!.proof!)).toEqual(deletionSecret(vaultKey, id));
  const view = (await (
    await request.get('/api/v1/account', { headers: { authorization: `Bearer ${account!.token}` } })
  ).json()) as { itemCount: number };
  expect(view.itemCount).toBe(0);

  await a.context.close();
  await b.context.close();
});
