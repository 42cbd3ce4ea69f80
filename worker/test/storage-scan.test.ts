import { concatBytes, fromBase64url, toBase64url, toHex, utf8Encode } from '@tessera/core/crypto/bytes';
import { DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import { openItem, sealItem } from '@tessera/core/crypto/item';
import { splitMasterKey } from '@tessera/core/crypto/keys';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import { createVaultKey, unwrapVaultKey, wrapVaultKey } from '@tessera/core/crypto/vault-key';
import { base32Decode, base32Encode } from '@tessera/core/otp/base32';
import { decodeRecord, encodeRecord } from '@tessera/core/vault/codec';
import { createRecord, deleteRecord, updateRecord } from '@tessera/core/vault/edit';
import { HybridClock } from '@tessera/core/vault/hlc';
import type { VaultRecord } from '@tessera/core/vault/record';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { accountName } from '../src/account/names.ts';
import { accountStub, call, json, lastCode, newEmail, pull, push } from './helpers.ts';

// The secrets of a realistic vault: what must never be readable from the server's storage.
const PASSWORD = 'correct horse battery staple 1907';
const OTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SECRETS = {
  title: 'Acme Mutual Bank',
  username: 'ann.lee.1907',
  password: 'Tr0ub4dor&3-bank-login',
  notes: 'Card PIN 4921, security answer: Rosebud',
  url: 'https://login.acme-mutual.example',
  issuer: 'Acme Mutual',
  otpAccount: 'ann.lee.1907@acme',
  secondTitle: 'Gitea at home',
  newPassword: 'n3w-pa55phrase-after-breach',
};

function occurrences(haystack: Uint8Array, needle: Uint8Array): number {
  let found = 0;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    found++;
  }
  return found;
}

// Every value of every row of every table, as bytes (text as UTF-8), plus the key-value half of
// storage (the runtime's own _cf_ tables are not readable by SQL; list() covers _cf_KV).
async function dumpStorage(state: DurableObjectState): Promise<{ tables: string[]; rows: number; bytes: Uint8Array }> {
  const sql = state.storage.sql;
  const tables = sql
    .exec<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'",
    )
    .toArray()
    .map((t) => t.name);
  const parts: Uint8Array[] = [];
  let rows = 0;
  for (const table of tables) {
    for (const row of sql.exec(`SELECT * FROM "${table}"`)) {
      rows++;
      for (const value of Object.values(row)) {
        if (value instanceof ArrayBuffer) parts.push(new Uint8Array(value));
        else if (value !== null) parts.push(utf8Encode(String(value)));
        parts.push(Uint8Array.of(0));
      }
    }
  }
  for (const [key, value] of await state.storage.list()) {
    rows++;
    parts.push(utf8Encode(key), utf8Encode(JSON.stringify(value)));
  }
  return { tables, rows, bytes: concatBytes(...parts) };
}

describe('what the server stores', () => {
  it('after a realistic run holds no plaintext secret, label, issuer, password, code or key', async () => {
    // Client side, as the web app does it (Argon2id replaced by random master keys: hash-wasm
    // cannot compile WebAssembly inside workerd, and the server never sees either anyway).
    const email = newEmail('scan');
    const masterKey = randomBytes(32);
    const { kek, authKey } = splitMasterKey(masterKey);
    const vaultKey = createVaultKey();
    const vaultId = randomId();
    const salt = randomBytes(16);
    const clock = new HybridClock('device-a');

    await json(await call('/auth/register/start', { body: { email } }), 202);
    const code = await lastCode(email);
    const registered = await json(
      await call('/auth/register/finish', {
        body: {
          email,
          code,
          deviceName: 'Pixel 9',
          vaultId,
          salt: toBase64url(salt),
          kdf: DEFAULT_KDF,
          authKey: toBase64url(authKey),
          wrappedVaultKey: toBase64url(wrapVaultKey(kek, vaultKey)),
        },
      }),
      201,
    );
    const token: string = registered.session.token;

    const seal = (record: VaultRecord) => sealItem(vaultKey, vaultId, record.id, encodeRecord(record));
    const bank = createRecord(
      {
        title: SECRETS.title,
        url: SECRETS.url,
        username: SECRETS.username,
        password: SECRETS.password,
        notes: SECRETS.notes,
        tags: ['finance'],
        otp: {
          type: 'totp',
          secret: base32Decode(OTP_SECRET),
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
          issuer: SECRETS.issuer,
          account: SECRETS.otpAccount,
        },
      },
      clock,
    );
    const git = createRecord({ title: SECRETS.secondTitle, username: 'ann', password: PASSWORD }, clock);
    const extra = Array.from({ length: 25 }, (_, i) =>
      createRecord({ title: `Site ${i}`, password: `pw-${i}-${toHex(randomBytes(4))}` }, clock),
    );
    await push(
      token,
      [bank, git, ...extra].map((r) => ({ id: r.id, baseSeq: 0, envelope: seal(r) })),
    );

    // A second device edits and deletes; the first changes the password (re-wrap).
    const signedIn = await json(
      await call('/auth/signin', { body: { email, authKey: toBase64url(authKey), deviceName: 'Laptop' } }),
      200,
    );
    const second = { token: signedIn.session.token as string };
    const edited = updateRecord(bank, { notes: `${SECRETS.notes} (updated)` }, clock);
    await push(second.token, [{ id: bank.id, baseSeq: 1, envelope: seal(edited) }]);
    await push(second.token, [{ id: git.id, baseSeq: 2, envelope: seal(deleteRecord(git, clock)) }]);
    const next = splitMasterKey(randomBytes(32));
    const newSalt = randomBytes(16);
    await json(
      await call('/account/password', {
        token,
        body: {
          authKey: toBase64url(authKey),
          next: {
            salt: toBase64url(newSalt),
            kdf: DEFAULT_KDF,
            authKey: toBase64url(next.authKey),
            wrappedVaultKey: toBase64url(wrapVaultKey(next.kek, vaultKey)),
          },
        },
      }),
      200,
    );

    // What a client pulls back still opens, and is exactly what was pushed.
    const pulled = (await pull(token, '0', 1000)).changes;
    const bankItem = pulled.find((c) => c.id === bank.id) as { envelope: string };
    expect(decodeRecord(openItem(vaultKey, vaultId, bank.id, fromBase64url(bankItem.envelope))).notes.value).toBe(
      `${SECRETS.notes} (updated)`,
    );
    const account = await json(await call('/account', { token }), 200);
    expect(unwrapVaultKey(next.kek, fromBase64url(account.vault.wrappedVaultKey))).toEqual(vaultKey);

    const stub = accountStub(await accountName(email));
    const dump = await runInDurableObject(stub, (_, state) => dumpStorage(state));
    expect(dump.tables).toEqual(expect.arrayContaining(['account', 'sessions', 'items']));
    expect(dump.rows).toBeGreaterThan(28);

    const textNeedles = [
      ...Object.values(SECRETS),
      PASSWORD,
      OTP_SECRET,
      OTP_SECRET.toLowerCase(),
      code,
      token,
      second.token,
      'finance',
    ];
    for (const needle of textNeedles) expect(occurrences(dump.bytes, utf8Encode(needle)), needle).toBe(0);
    const byteNeedles: [string, Uint8Array][] = [
      ['otp secret', base32Decode(OTP_SECRET)],
      ['master key', masterKey],
      ['kek', kek],
      ['new kek', next.kek],
      ['authKey', authKey],
      ['new authKey', next.authKey],
      ['vault key', vaultKey],
    ];
    for (const [name, needle] of byteNeedles) {
      expect(occurrences(dump.bytes, needle), name).toBe(0);
      expect(occurrences(dump.bytes, utf8Encode(toBase64url(needle))), `${name} (base64url)`).toBe(0);
      expect(occurrences(dump.bytes, utf8Encode(toHex(needle))), `${name} (hex)`).toBe(0);
    }
    expect(occurrences(dump.bytes, utf8Encode(base32Encode(base32Decode(OTP_SECRET))))).toBe(0);
    // What is there on purpose: the email (to send codes to), device names, the salt, the vault id.
    expect(occurrences(dump.bytes, utf8Encode(email))).toBe(1);
    expect(occurrences(dump.bytes, newSalt)).toBe(1);
  });
});
