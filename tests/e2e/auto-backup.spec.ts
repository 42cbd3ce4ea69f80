import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { createVault, PASSWORD, saveRecoveryKey, understand, unlock } from './fixtures/vault.ts';
import { addRecord, showAllItems } from './sync-helpers.ts';

// Issue 19, "Automatic encrypted backups": written a few seconds after a change into a folder
// reached through the File System Access directory-handle interface (the origin private file
// system), in the Tessera backup format, opened offline by `tessera decrypt` with the master
// password; the last N kept; changes not in a copy off the device counted.
const run = promisify(execFile);
const CLI = new URL('../../packages/cli/src/main.ts', import.meta.url).pathname;

/** The automatic backups in a folder of the page's origin private file system, newest first, as bytes. */
async function backupsIn(page: Page, folderName = 'tessera-backups'): Promise<{ name: string; bytes: number[] }[]> {
  return page.evaluate(async (folderName) => {
    const root = await navigator.storage.getDirectory();
    let folder: FileSystemDirectoryHandle;
    try {
      folder = await root.getDirectoryHandle(folderName);
    } catch {
      return [];
    }
    const out: { name: string; bytes: number[] }[] = [];
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind !== 'file') continue;
      out.push({
        name,
        bytes: Array.from(new Uint8Array(await (await (handle as FileSystemFileHandle).getFile()).arrayBuffer())),
      });
    }
    return out.sort((a, b) => (a.name < b.name ? 1 : -1));
  }, folderName);
}

async function decryptWithCli(bytes: number[], recoveryKey?: string): Promise<{ records: { title: string }[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-auto-'));
  const file = join(dir, 'backup.tessera');
  writeFileSync(file, Uint8Array.from(bytes));
  // With a recovery key, no password is given at all: the key alone opens the file.
  const { TESSERA_PASSWORD: _, ...env } = process.env;
  const { stdout } = await run(
    process.execPath,
    recoveryKey ? [CLI, 'decrypt', '--recovery-key', file] : [CLI, 'decrypt', file],
    { env: recoveryKey ? { ...env, TESSERA_RECOVERY_KEY: recoveryKey } : { ...env, TESSERA_PASSWORD: PASSWORD } },
  );
  return JSON.parse(stdout) as { records: { title: string }[] };
}

test('a change is backed up automatically within seconds; the CLI opens the file with the master password', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await createVault(page);
  await showAllItems(page);
  await addRecord(page, { title: 'Harbour Mail', username: 'ada@harbour.example' });

  let files: { name: string; bytes: number[] }[] = [];
  await expect
    .poll(
      async () => {
        files = await backupsIn(page);
        return files.length;
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  expect(files[0]!.name).toMatch(/^tessera-auto-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.tessera$/);
  // The newest backup holds the record (an earlier one may have been written before it).
  await expect
    .poll(async () => (await decryptWithCli((await backupsIn(page))[0]!.bytes)).records.map((r) => r.title), {
      timeout: 60_000,
    })
    .toEqual(['Harbour Mail']);

  await page.goto('/#/settings');
  const group = page.locator('#automatic-backups');
  // The new vault was backed up too (empty) before the record: every file written is kept so far.
  const kept = (await backupsIn(page)).length;
  await expect(group).toContainText(`; ${kept === 1 ? '1 is' : `${kept} are`} kept in this browser's private storage.`);
  await expect(group).toContainText(/Last backup \w{3} \d+, \d{4}/);
  await expect(group.getByTestId('unsaved-changes')).toHaveText('1 change not in a copy saved off this device.');
  const downloading = page.waitForEvent('download');
  await group.getByRole('button', { name: 'Save a copy of the latest backup' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe((await backupsIn(page))[0]!.name);
  const saved = readFileSync((await download.path())!);
  expect((await decryptWithCli(Array.from(saved))).records.map((r) => r.title)).toEqual(['Harbour Mail']);
  await expect(group.getByTestId('unsaved-changes')).toHaveText('Every change is in a copy you saved off this device.');

  // Only the newest N are kept: with 3, a fourth change leaves three files.
  await group.getByLabel('Backups to keep').selectOption('3');
  for (const title of ['Pier Locker', 'Lantern Bank', 'Ferry Pass']) {
    const before = (await backupsIn(page))[0]!.name;
    await page.goto('/#/');
    await addRecord(page, { title });
    await expect.poll(async () => (await backupsIn(page))[0]?.name, { timeout: 60_000 }).not.toBe(before);
  }
  await expect.poll(async () => (await backupsIn(page)).length, { timeout: 30_000 }).toBe(3);
  expect((await decryptWithCli((await backupsIn(page))[0]!.bytes)).records.map((r) => r.title).sort()).toEqual([
    'Ferry Pass',
    'Harbour Mail',
    'Lantern Bank',
    'Pier Locker',
  ]);
});

test('an automatic backup carries the recovery key slot: the CLI opens it with the recovery key alone', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm master password').fill(PASSWORD);
  await understand(page);
  await page.getByRole('button', { name: 'Create vault' }).click();
  const key = await saveRecoveryKey(page);
  await showAllItems(page);
  await addRecord(page, { title: 'Harbour Mail', username: 'ada@harbour.example' });
  // Written through the directory-handle interface (here the private file system's handle).
  await expect
    .poll(
      async () => {
        const [newest] = await backupsIn(page);
        return newest ? (await decryptWithCli(newest.bytes, key)).records.map((r) => r.title) : [];
      },
      { timeout: 60_000 },
    )
    .toEqual(['Harbour Mail']);
  const [newest] = await backupsIn(page);
  // Version 2 of the format (the byte after the magic), and the password opens it as well.
  expect(newest!.bytes[12]).toBe(2);
  expect((await decryptWithCli(newest!.bytes)).records.map((r) => r.title)).toEqual(['Harbour Mail']);
  // A key typed by hand, in lower case with spaces, works the same.
  const typed = key.toLowerCase().replace(/-/g, ' ');
  expect((await decryptWithCli(newest!.bytes, typed)).records.map((r) => r.title)).toEqual(['Harbour Mail']);
});

test('where the browser has a folder picker, backups go to the folder picked, through its directory handle', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Headless Chromium cannot show the picker: it answers with a folder handle of the same
  // interface (FileSystemDirectoryHandle), here one inside the private file system.
  await page.addInitScript(() => {
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker =
      async () =>
        (await navigator.storage.getDirectory()).getDirectoryHandle('Tessera backups on my disk', { create: true });
  });
  await page.goto('/');
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm master password').fill(PASSWORD);
  await understand(page);
  await page.getByRole('button', { name: 'Create vault' }).click();
  const key = await saveRecoveryKey(page);
  await page.goto('/#/settings');
  const group = page.locator('#automatic-backups');
  await group.getByRole('button', { name: 'Keep backups in a folder…' }).click();
  await expect(group).toContainText('kept in the folder “Tessera backups on my disk”.', { timeout: 30_000 });
  await expect(group.getByRole('button', { name: 'Choose another folder…' })).toBeVisible();
  await page.goto('/#/');
  await showAllItems(page);
  await addRecord(page, { title: 'Harbour Mail', username: 'ada@harbour.example' });
  await expect
    .poll(
      async () => {
        const [newest] = await backupsIn(page, 'Tessera backups on my disk');
        return newest ? (await decryptWithCli(newest.bytes, key)).records.map((r) => r.title) : [];
      },
      { timeout: 60_000 },
    )
    .toEqual(['Harbour Mail']);
  // The handle is kept in IndexedDB. After a reload the browser asks for the permission again
  // (as Chromium does for a folder on disk; played here on the handle's permission calls):
  // backups go to the private storage meanwhile, and Settings asks for it.
  const before = (await backupsIn(page, 'Tessera backups on my disk')).length;
  await page.addInitScript(() => {
    const proto = FileSystemHandle.prototype as unknown as {
      queryPermission: () => Promise<PermissionState>;
      requestPermission: () => Promise<PermissionState>;
    };
    let granted = false;
    proto.queryPermission = async () => (granted ? 'granted' : 'prompt');
    proto.requestPermission = async () => {
      granted = true;
      return 'granted';
    };
  });
  await page.reload();
  await unlock(page);
  await page.goto('/#/settings');
  await expect(group).toContainText('needs your permission again to write to the folder “Tessera backups on my disk”');
  await group.getByRole('button', { name: 'Allow access to “Tessera backups on my disk”' }).click();
  await expect(group).toContainText('kept in the folder “Tessera backups on my disk”.');
  await page.goto('/#/');
  await showAllItems(page);
  await addRecord(page, { title: 'Pier Locker' });
  await expect
    .poll(async () => (await backupsIn(page, 'Tessera backups on my disk')).length, { timeout: 60_000 })
    .toBeGreaterThan(before);
  // Back to the browser's own storage.
  await page.goto('/#/settings');
  await group.getByRole('button', { name: 'Keep them in this browser instead' }).click();
  await expect(group.getByRole('button', { name: 'Keep backups in a folder…' })).toBeVisible();
});
