import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { utf8Encode } from '@tessera/core/crypto/bytes';
import { deriveMasterKey, type KdfParams } from '@tessera/core/crypto/kdf';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { unwrapVaultKey } from '@tessera/core/crypto/vault-key';
import { base32Decode } from '@tessera/core/otp/base32';
import { readStore } from './fixtures/vault.ts';
import {
  addRecord,
  BANK_KEY,
  expectSynced,
  filesUnder,
  newDevice,
  PASSWORD,
  persistDir,
  SECRETS,
  signUp,
} from './sync-helpers.ts';

// Runs after the other sync specs (files run in name order): the server's whole storage, as
// wrangler dev persisted it (every Durable Object's SQLite file, WAL included), holds none of the
// secrets the devices typed, nor any key but the hash the server is meant to keep. Its own
// account makes it meaningful even when run alone, and two things the server must store (the
// email, SHA-256(authKey)) are found, so the scan is known to read the real data.
test.describe.configure({ timeout: 120_000 });

const EMAIL = 'storage-scan@example.org';
const PROBE = {
  title: 'Cellar Door Probe',
  username: 'probe-user-2718',
  password: 'probe-password-1618',
  notes: 'probe notes: the key is under the third stone',
};

function includes(haystack: Buffer, needle: Uint8Array): boolean {
  return haystack.includes(Buffer.from(needle));
}

test('no plaintext, password or key is stored on the server', async ({ browser, request }) => {
  const a = await newDevice(browser);
  await signUp(request, a.page, EMAIL);
  await a.page.goto('/#/');
  await addRecord(a.page, PROBE, BANK_KEY);
  await expectSynced(a.page);

  // The keys, recomputed in Node from the password and what the device stores.
  const [meta] = await readStore<{ salt: number[]; kdf: KdfParams; wrappedVaultKey: number[] }>(a.page, 'meta');
  const [account] = await readStore<{ token: string }>(a.page, 'account');
  const masterKey = await deriveMasterKey(PASSWORD, Uint8Array.from(meta!.salt), meta!.kdf);
  const { kek, authKey } = splitMasterKey(masterKey);
  const vaultKey = unwrapVaultKey(kek, Uint8Array.from(meta!.wrappedVaultKey));

  const files = filesUnder(persistDir(Number(process.env.E2E_PORT ?? 8790))).map((path) => ({
    path,
    bytes: readFileSync(path),
  }));
  const found = (needle: Uint8Array) => files.filter((file) => includes(file.bytes, needle)).map((file) => file.path);
  expect(files.length).toBeGreaterThan(0);
  expect(found(utf8Encode(EMAIL)).length).toBeGreaterThan(0);
  expect(found(createHash('sha256').update(authKey).digest()).length).toBeGreaterThan(0);

  const texts = [...SECRETS, ...Object.values(PROBE)];
  // Long enough that a match cannot be chance (a 3-letter name is inside "metadata").
  expect(texts.filter((text) => text.length < 8)).toEqual([]);
  const secrets: [string, Uint8Array][] = texts.map((text) => [JSON.stringify(text), utf8Encode(text)]);
  secrets.push(
    ['TOTP secret bytes', base32Decode(BANK_KEY)],
    ['master key', masterKey],
    ['kek', kek],
    ['authKey', authKey],
    ['vault key', vaultKey],
    ['session token', utf8Encode(account!.token)],
  );
  const leaks = secrets.flatMap(([name, bytes]) => found(bytes).map((path) => `${name} in ${path}`));
  expect(leaks).toEqual([]);
  await a.context.close();
});
