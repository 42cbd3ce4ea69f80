import { concatBytes, utf8Encode } from '@tessera/core/crypto/bytes';
import { base32Encode } from '@tessera/core/otp/base32';
import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { accountName } from '../src/account/names.ts';
import { migrate, SCHEMA_VERSION } from '../src/account/schema.ts';
import { accountStub, call, json, lastCode, register } from './helpers.ts';
import {
  codeAt,
  enableEmail,
  lastSmsCode,
  midStep,
  newPhone,
  passwordProof,
  passwordStep,
  realClock,
  sendCode,
  setClock,
  startAuthenticator,
  verified,
} from './twofa-helpers.ts';

afterEach(realClock);

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

// Every text and blob value of every table, joined. Integers (times, counts, steps) are left out:
// they cannot hold a code, and their digits would match 6-digit codes by chance. So are the
// values the server keeps in plain on purpose (the email and the phone number).
async function dump(
  email: string,
  plain: string[],
): Promise<{ bytes: Uint8Array; rows: Record<string, Record<string, unknown>[]> }> {
  const stub = accountStub(await accountName(email));
  return runInDurableObject(stub, (_, state) => {
    const sql = state.storage.sql;
    const tables = sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'",
      )
      .toArray()
      .map((t) => t.name);
    const parts: Uint8Array[] = [];
    const rows: Record<string, Record<string, unknown>[]> = {};
    for (const table of tables) {
      rows[table] = sql.exec(`SELECT * FROM "${table}"`).toArray();
      for (const row of rows[table]) {
        for (const value of Object.values(row)) {
          if (value instanceof ArrayBuffer) parts.push(new Uint8Array(value), Uint8Array.of(0));
          else if (typeof value === 'string' && !plain.includes(value)) parts.push(utf8Encode(value), Uint8Array.of(0));
        }
      }
    }
    return { bytes: concatBytes(...parts), rows };
  });
}

describe('what the server stores for two-factor sign-in', () => {
  it('holds no authenticator secret, emailed or texted code, recovery code or attempt id in readable form', async () => {
    const account = await register();
    const phone = newPhone();
    const secrets: string[] = [];
    const now = midStep();
    setClock(now);

    const { secret: setupKey, secretBytes } = await startAuthenticator(account);
    const done = await json(
      await call('/twofa/totp/confirm', {
        token: account.token,
        body: { ...passwordProof(account), code: codeAt(secretBytes, now) },
      }),
      200,
    );
    const recoveryCodes: string[] = done.recoveryCodes;
    await enableEmail(account);
    await json(await call('/twofa/sms', { token: account.token, body: { phone } }), 202);
    const enrolmentCode = await lastSmsCode(phone);
    secrets.push(enrolmentCode);

    // Pending: the texted enrolment code.
    const pendingEnrolment = await dump(account.email, [account.email, phone]);
    expect(pendingEnrolment.rows.second_factor_enrolments).toHaveLength(1);
    expect((pendingEnrolment.rows.second_factor_enrolments?.[0]?.code_hash as ArrayBuffer).byteLength).toBe(32);
    await json(
      await call('/twofa/sms/confirm', {
        token: account.token,
        body: { ...passwordProof(account), code: enrolmentCode },
      }),
      200,
    );

    // Pending: an emailed and a texted sign-in code, each in its own attempt.
    const byEmail = await passwordStep(account);
    await json(await sendCode(account, byEmail, 'email'), 202);
    const emailed = await lastCode(account.email);
    const byText = await passwordStep(account);
    await json(await sendCode(account, byText, 'sms'), 202);
    const texted = await lastSmsCode(phone);
    secrets.push(emailed, texted, byEmail.attemptId, byText.attemptId);
    const pendingSignIn = await dump(account.email, [account.email, phone]);

    // And after use: a recovery code spent, the emailed code redeemed.
    await verified(account, await passwordStep(account), 'recovery', recoveryCodes[0] as string);
    await verified(account, byEmail, 'email', emailed);
    const after = await dump(account.email, [account.email, phone]);

    for (const code of recoveryCodes)
      secrets.push(code, code.replace('-', ''), code.toUpperCase(), code.replace('-', '').toUpperCase());
    secrets.push(setupKey, setupKey.toLowerCase(), base32Encode(secretBytes, { padding: true }));
    // The scan sees text and blobs: the device name waiting in the attempts is there.
    expect(contains(pendingSignIn.bytes, utf8Encode('New laptop'))).toBe(true);
    for (const [when, { bytes }] of Object.entries({ pendingEnrolment, pendingSignIn, after })) {
      expect(contains(bytes, secretBytes), `${when}: raw authenticator secret`).toBe(false);
      for (const text of secrets) expect(contains(bytes, utf8Encode(text)), `${when}: ${text}`).toBe(false);
    }

    // What is there instead: an envelope (version 1, 24-byte nonce, 20 bytes, 16-byte tag) and
    // 32-byte keyed hashes.
    const totp = after.rows.second_factor_methods?.find((r) => r.method === 'totp');
    const sealed = new Uint8Array(totp?.secret as ArrayBuffer);
    expect(sealed.length).toBe(1 + 24 + 20 + 16);
    expect(sealed[0]).toBe(1);
    expect(after.rows.recovery_codes).toHaveLength(10);
    for (const row of after.rows.recovery_codes ?? []) expect((row.hash as ArrayBuffer).byteLength).toBe(32);
    expect(after.rows.recovery_codes?.filter((r) => r.used_at !== null)).toHaveLength(1);
    const attempts = pendingSignIn.rows.signin_attempts ?? [];
    expect(attempts).toHaveLength(2);
    for (const row of attempts) {
      expect((row.id_hash as ArrayBuffer).byteLength).toBe(32);
      expect((row.code_hash as ArrayBuffer).byteLength).toBe(32);
    }
    // The number is kept in plain, on purpose: texts must be sent to it.
    expect(after.rows.second_factor_methods?.find((r) => r.method === 'sms')?.phone).toBe(phone);
  });
});

describe('an account made before two-factor sign-in', () => {
  it('is upgraded in place: the seam tables are remade, everything else is kept', async () => {
    const account = await register();
    const stub = accountStub(await accountName(account.email));
    const tablesAfter = await runInDurableObject(stub, (_, state) => {
      const sql = state.storage.sql;
      // Back to schema 1 as deployed before: the seam's two tables, no two-factor tables.
      for (const table of [
        'second_factor_methods',
        'second_factor_enrolments',
        'recovery_codes',
        'signin_attempts',
        'code_sends',
      ])
        sql.exec(`DROP TABLE ${table}`);
      sql.exec('CREATE TABLE second_factor_methods (method TEXT PRIMARY KEY, enabled_at INTEGER NOT NULL)');
      sql.exec(
        'CREATE TABLE signin_attempts (id TEXT PRIMARY KEY, device_name TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL)',
      );
      // ...and without what later migrations added: the recovery key's columns, the purge
      // columns and erasures table of issue 19...
      for (const column of ['recovery_slot', 'recovery_verifier', 'recovery_created_at'])
        sql.exec(`ALTER TABLE account DROP COLUMN ${column}`);
      sql.exec('ALTER TABLE items DROP COLUMN deletion_hash');
      sql.exec('ALTER TABLE items DROP COLUMN purge_proof');
      sql.exec('DROP TABLE erasures');
      // ...and the device kinds of issue 21.
      for (const column of ['device_browser', 'device_os']) sql.exec(`ALTER TABLE sessions DROP COLUMN ${column}`);
      sql.exec('UPDATE schema_version SET version = 1');
      migrate(state.storage);
      expect(sql.exec<{ version: number }>('SELECT version FROM schema_version').one().version).toBe(SCHEMA_VERSION);
      return sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name",
        )
        .toArray()
        .map((t) => t.name);
    });
    expect(tablesAfter).toEqual([
      'account',
      'code_sends',
      'erasures',
      'failures',
      'items',
      'recovery_codes',
      'registration',
      'schema_version',
      'second_factor_enrolments',
      'second_factor_methods',
      'sessions',
      'signin_attempts',
    ]);
    // The account and its session survived, and two-factor sign-in works on it.
    await json(await call('/account', { token: account.token }), 200);
    await enableEmail(account);
    expect((await passwordStep(account)).methods).toEqual(['email', 'recovery']);
  });
});
