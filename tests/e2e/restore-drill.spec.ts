import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  createVault,
  PASSWORD,
  readStore,
  saveRecoveryKey,
  seedRecords,
  understand,
  unlock,
} from './fixtures/vault.ts';
import { BANK, COUNTER, GITHUB } from './fixtures/otps.ts';
import { addRecord, expectAccessible } from './sync-helpers.ts';

// Issue 19, "Restore drill": the newest automatic backup is opened with the password typed, in
// the transfer worker, and compared with the vault; the result is kept and shown. A wrong
// password and a damaged file each say what to do next.

const SHOTS = process.env.SHOTS_DIR ?? join(tmpdir(), 'drill-shots');

/** Unix ms of the last automatic backup, as the settings table holds it. */
async function lastBackupAt(page: Page): Promise<number> {
  const rows = await readStore<{ key: string; value: unknown }>(page, 'settings');
  const value = rows.find((row) => row.key === 'lastAutoBackupAt')?.value;
  return typeof value === 'number' ? value : 0;
}

/** Names of the files in the private file system's backup folder, newest first. */
async function backupNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('tessera-backups');
    const names: string[] = [];
    for await (const name of folder.keys()) names.push(name);
    return names.sort().reverse();
  });
}

/** A vault of three codes, and an automatic backup written after they were there. */
async function vaultWithBackup(page: Page): Promise<void> {
  await createVault(page);
  await seedRecords(page, [{ otp: GITHUB }, { otp: BANK }, { otp: COUNTER }]);
  await page.reload();
  await unlock(page);
  const opened = Date.now();
  await expect(page.getByRole('button', { name: /^Details of / })).toHaveCount(3);
  await expect.poll(() => lastBackupAt(page), { timeout: 60_000 }).toBeGreaterThan(opened);
}

async function runDrill(page: Page, password: string): Promise<void> {
  await page.goto('/#/drill');
  await page.getByLabel('Password the backup opens with').fill(password);
  await page.getByRole('button', { name: 'Test the backup' }).click();
}

const result = (page: Page) => page.locator('.drill-result');

/** The screen as it is, at a phone's and a desktop's size, light and dark, under SHOTS (not in git). */
async function shots(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const before = page.viewportSize();
  for (const size of [
    { name: 'phone', width: 390, height: 844 },
    { name: 'desktop', width: 1280, height: 800 },
  ] as const) {
    await page.setViewportSize(size);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: join(SHOTS, `${name}-${size.name}-${colorScheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: null, reducedMotion: null });
  if (before) await page.setViewportSize(before);
}

test('a drill opens the backup and says how many codes open; a wrong password says what to do', async ({ page }) => {
  test.setTimeout(240_000);
  await vaultWithBackup(page);

  // A wrong password: named as such, the older password and a fresh backup offered.
  await runDrill(page, 'not the password at all');
  await expect(result(page).getByRole('heading', { name: 'This password does not open the backup' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(result(page)).toContainText('sealed with your master password as it was when it was written');
  await expect(result(page)).toContainText('try the previous one');
  // The typed password is not kept in the form.
  await expect(page.getByLabel('Password the backup opens with')).toHaveValue('');
  await expectAccessible(page, 'restore drill, wrong password');
  await shots(page, 'drill-wrong-password');
  // The failure is recorded, and the codes list invites another test (quietly, not a dialog).
  await page.goto('/#/settings');
  await expect(page.getByTestId('restore-drill-status')).toContainText('failed: the password did not open the backup');
  await page.locator('#restore-drill').scrollIntoViewIfNeeded();
  await shots(page, 'settings-drill-failed');
  await page.goto('/#/');
  await expect(page.getByTestId('drill-reminder')).toContainText('The last restore test failed');
  await shots(page, 'codes-drill-reminder');
  await expect(page.getByRole('button', { name: /^Details of / }).first()).toBeVisible();

  // "Write a fresh backup now" writes one under the current password.
  await runDrill(page, 'not the password at all');
  const fresh = result(page).getByRole('button', { name: 'Write a fresh backup now' });
  await expect(fresh).toBeVisible({ timeout: 60_000 });
  const before = (await backupNames(page))[0];
  await fresh.click();
  await expect(page.getByText(/^A fresh backup was written \(tessera-auto-/)).toBeVisible({ timeout: 30_000 });
  expect((await backupNames(page))[0]).not.toBe(before);

  // The right password: every code opens, the result is kept and shown in Settings.
  await page.getByLabel('Password the backup opens with').fill(PASSWORD);
  await page.getByRole('button', { name: 'Test the backup' }).click();
  await expect(result(page).getByRole('heading', { name: /^Restore tested on .+: 3 codes open$/ })).toBeVisible({
    timeout: 60_000,
  });
  await expect(result(page)).toContainText('3 records read back whole');
  await expect(result(page)).toContainText('It holds every record in your vault');
  await expectAccessible(page, 'restore drill, passed');
  await shots(page, 'drill-passed');
  await page.goto('/#/settings');
  await expect(page.getByTestId('restore-drill-status')).toHaveText(/^Restore tested on .+: 3 codes open\.$/);
  await expect(page.locator('#automatic-backups')).toContainText('Next test due');
  const stored = await readStore<{ key: string; value: { ok: boolean; codes: number; file: string } }>(
    page,
    'settings',
  );
  expect(stored.find((row) => row.key === 'lastRestoreDrill')?.value).toMatchObject({ ok: true, codes: 3 });
  // Nothing secret was stored with it.
  expect(JSON.stringify(stored)).not.toContain(PASSWORD);
  await page.goto('/#/');
  await expect(page.getByTestId('drill-reminder')).toHaveCount(0);
});

test('a damaged backup is named damaged, kept aside, and the older backup is offered and compared', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await vaultWithBackup(page);
  // A second backup, with one more record in it than the first.
  const first = await lastBackupAt(page);
  await page.goto('/#/');
  await addRecord(page, { title: 'Pier Locker', username: 'ada' });
  await expect.poll(() => lastBackupAt(page), { timeout: 60_000 }).toBeGreaterThan(first);
  const [newest, older] = await backupNames(page);
  // Damage as a disk would: bytes of the newest file changed in place in the private file system.
  await page.evaluate(async (name) => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('tessera-backups');
    const handle = await folder.getFileHandle(name);
    const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
    for (let i = bytes.length - 40; i < bytes.length - 20; i += 1) bytes[i] = bytes[i]! ^ 0x5a;
    const writable = await handle.createWritable();
    await writable.write(bytes);
    await writable.close();
  }, newest!);

  await runDrill(page, PASSWORD);
  await expect(result(page).getByRole('heading', { name: 'The backup is damaged' })).toBeVisible({ timeout: 60_000 });
  await expect(result(page)).toContainText(`It is kept aside as damaged-${newest}, not deleted.`);
  await expect(result(page).getByRole('button', { name: 'Write a fresh backup now' })).toBeVisible();
  await expectAccessible(page, 'restore drill, damaged backup');
  await shots(page, 'drill-damaged');
  // Kept under another name, out of the kept backups; the older one is next.
  const names = await backupNames(page);
  expect(names).toContain(`damaged-${newest}`);
  expect(names).not.toContain(newest);

  await result(page).getByRole('button', { name: 'Test the older backup' }).click();
  await expect(page.getByText(`Type the password again to test the older backup, ${older}.`)).toBeVisible();
  await page.getByLabel('Password the backup opens with').fill(PASSWORD);
  await page.getByRole('button', { name: 'Test the backup' }).click();
  await expect(result(page).getByRole('heading', { name: /^Restore tested on .+: 3 codes open$/ })).toBeVisible({
    timeout: 60_000,
  });
  await expect(result(page)).toContainText(older!);
  // The record added after that backup is named, and said to be expected missing.
  await expect(result(page).getByTestId('drill-missing')).toContainText(
    'Pier Locker · added or changed after the backup',
  );
  await shots(page, 'drill-older');
  await page.goto('/#/settings');
  await expect(page.getByTestId('restore-drill-status')).toHaveText(/^Restore tested on .+: 3 codes open\.$/);
});

test('Safe at a glance: a quiet badge names what needs attention, and goes once it is fixed', async ({ page }) => {
  test.setTimeout(300_000);
  // The user grants this site persistent storage (as Chromium does for an installed app), so the
  // vault's request when it is made is granted: storage is not among the things to fix here.
  await page.goto('/');
  const cdp = await page.context().newCDPSession(page);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.grantPermissions', {
    origin: new URL(page.url()).origin,
    permissions: ['durableStorage'],
    browserContextId: targetInfo.browserContextId,
  });
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm master password').fill(PASSWORD);
  await understand(page);
  await page.getByRole('button', { name: 'Create vault' }).click();
  const key = await saveRecoveryKey(page);
  await seedRecords(page, [{ otp: GITHUB }, { otp: BANK }]);
  await page.reload();
  await unlock(page);
  const opened = Date.now();
  await expect.poll(() => lastBackupAt(page), { timeout: 60_000 }).toBeGreaterThan(opened);

  // A recovery key never checked: one thing. The dot sits on the Settings button, over nothing.
  const settingsButton = page.locator('.app-bar').getByRole('button', { name: /^Settings/ });
  await expect(settingsButton).toHaveAccessibleName('Settings, 1 thing needs attention');
  await expect(page.getByTestId('attention-dot')).toBeVisible();
  const rowsBefore = await page
    .getByRole('button', { name: /^Details of / })
    .first()
    .boundingBox();
  await shots(page, 'codes-badge');
  await settingsButton.click();
  const panel = page.locator('#safe-at-a-glance');
  await expect(panel.getByTestId('safety-summary')).toHaveText('1 thing needs your attention.');
  const fact = (name: string) => panel.locator(`[data-fact="${name}"]`);
  await expect(fact('recovery')).toHaveAttribute('data-attention', 'true');
  await expect(fact('recovery')).toContainText('never checked');
  // Sync off is a choice, said plainly: not flagged.
  await expect(fact('sync')).toHaveAttribute('data-attention', 'false');
  await expect(fact('sync')).toContainText('Off: this vault is only on this device');
  await expect(fact('sync').getByRole('button', { name: 'Turn on sync' })).toBeVisible();
  await expect(fact('storage')).toContainText('Granted');
  await expect(fact('backup')).toHaveAttribute('data-attention', 'false');
  await expect(fact('drill')).toContainText('No restore tested yet.');
  await expectAccessible(page, 'settings, safe at a glance');
  await shots(page, 'settings-panel');

  // Its action leads to the recovery key group; checked, the badge goes.
  await fact('recovery').getByRole('button', { name: 'Check the recovery key' }).click();
  const recovery = page.locator('#recovery-key');
  await recovery.getByRole('button', { name: 'Check the recovery key…' }).click();
  await recovery.getByLabel('Recovery key').fill(key);
  await recovery.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(fact('recovery')).toHaveAttribute('data-attention', 'false');
  await expect(panel.getByTestId('safety-summary')).toHaveText('Nothing needs your attention.');
  await expect(settingsButton).toHaveAccessibleName('Settings');
  await expect(page.getByTestId('attention-dot')).toHaveCount(0);

  // A failed restore test needs attention; the panel names it and leads to the test.
  await runDrill(page, 'an old password');
  await expect(result(page).getByRole('heading', { name: 'This password does not open the backup' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(settingsButton).toHaveAccessibleName('Settings, 1 thing needs attention');
  await settingsButton.click();
  await expect(fact('drill')).toHaveAttribute('data-attention', 'true');
  await expect(fact('drill')).toContainText('failed: the password did not open the backup');
  await fact('drill').getByRole('button', { name: 'Test a restore' }).click();
  await page.getByLabel('Password the backup opens with').fill(PASSWORD);
  await page.getByRole('button', { name: 'Test the backup' }).click();
  await expect(result(page).getByRole('heading', { name: /: 2 codes open$/ })).toBeVisible({ timeout: 60_000 });
  await expect(settingsButton).toHaveAccessibleName('Settings');
  await expect(page.getByTestId('attention-dot')).toHaveCount(0);
  await page.goto('/#/settings');
  await expect(fact('drill')).toContainText(/Restore tested on .+: 2 codes open\./);
  // The codes did not move for the badge.
  await page.goto('/#/');
  expect(
    await page
      .getByRole('button', { name: /^Details of / })
      .first()
      .boundingBox(),
  ).toEqual(rowsBefore);
});
