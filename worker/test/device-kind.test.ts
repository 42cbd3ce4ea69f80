import { toBase64url } from '@tessera/core/crypto/bytes';
import { DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import { createRecoveryKey, recoveryAuthKey, wrapVaultKeyForRecovery } from '@tessera/core/crypto/recovery-key';
import { randomBytes } from '@tessera/core/crypto/random';
import type { SignInResponseBody } from '@tessera/core/sync/protocol';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { accountName } from '../src/account/names.ts';
import { migrate, SCHEMA_VERSION } from '../src/account/schema.ts';
import { sha256 } from '../src/crypto.ts';
import {
  accountStub,
  call,
  expectError,
  json,
  keysBody,
  lastCode,
  newEmail,
  newKeys,
  type Registered,
  register,
} from './helpers.ts';
import { enableEmail, passwordProof, sendCode, verified } from './twofa-helpers.ts';

// The kind of each device (issue 21, docs/api.md "Device kind"): browser and OS family, sent at
// registration and sign-in, kept on the session (and on a sign-in attempt until its second
// factor makes the session), listed by GET /sessions, so two devices both named "Phone" differ.

type Kind = { browser?: string; os?: string };

async function signInWith(account: Registered, deviceName: string, deviceKind?: unknown): Promise<Response> {
  return call('/auth/signin', {
    body: {
      email: account.email,
      authKey: toBase64url(account.keys.authKey),
      deviceName,
      ...(deviceKind === undefined ? {} : { deviceKind }),
    },
  });
}

async function signedIn(account: Registered, deviceName: string, deviceKind?: Kind): Promise<string> {
  const body = await json<SignInResponseBody>(await signInWith(account, deviceName, deviceKind), 200);
  if (body.kind !== 'session') throw new Error('expected a session');
  return body.session.token;
}

async function listed(token: string): Promise<[string, Kind | null][]> {
  const body = await json(await call('/sessions', { token }), 200);
  return body.sessions.map((s: { deviceName: string; deviceKind: Kind | null }) => [s.deviceName, s.deviceKind]);
}

async function registerWith(deviceKind: unknown): Promise<Response> {
  const email = newEmail('kind');
  await json(await call('/auth/register/start', { body: { email } }), 202);
  const code = await lastCode(email);
  return call('/auth/register/finish', {
    body: { email, code, deviceName: 'Phone', deviceKind, ...keysBody(newKeys()) },
  });
}

function nextPassword() {
  const keys = newKeys();
  return {
    keys,
    body: {
      salt: toBase64url(keys.salt),
      kdf: { ...DEFAULT_KDF },
      authKey: toBase64url(keys.authKey),
      wrappedVaultKey: toBase64url(keys.wrappedVaultKey),
    },
  };
}

describe('device kind', () => {
  it('is stored with each session and listed; a session without one lists null', async () => {
    const account = await register({ deviceName: 'Phone' });
    const android = await signedIn(account, 'Phone', { browser: 'Chrome', os: 'Android' });
    await signedIn(account, 'Phone', { browser: 'Safari', os: 'iOS' });
    await signedIn(account, 'Laptop', { browser: 'Firefox' });
    expect(await listed(android)).toEqual([
      ['Phone', null],
      ['Phone', { browser: 'Chrome', os: 'Android' }],
      ['Phone', { browser: 'Safari', os: 'iOS' }],
      ['Laptop', { browser: 'Firefox' }],
    ]);
    // Trimmed like a device name; an empty object is no kind at all.
    const spaced = await signedIn(account, 'Tablet', { browser: ' Edge ', os: ' Windows ' });
    await signedIn(account, 'Kiosk', {});
    expect((await listed(spaced)).slice(4)).toEqual([
      ['Tablet', { browser: 'Edge', os: 'Windows' }],
      ['Kiosk', null],
    ]);
  });

  it('is kept from registration', async () => {
    const body = await json<SignInResponseBody>(await registerWith({ browser: 'Chrome', os: 'macOS' }), 201);
    if (body.kind !== 'session') throw new Error('expected a session');
    expect(await listed(body.session.token)).toEqual([['Phone', { browser: 'Chrome', os: 'macOS' }]]);
  });

  it('refuses a bad value with invalid-body, naming the field, and makes no session', async () => {
    const account = await register();
    const bad: [unknown, RegExp][] = [
      ['Chrome on Android', /^deviceKind: /],
      [{ browser: 'Chrome', os: 'Android', version: '131' }, /^deviceKind\.version: /],
      [{ browser: 'x'.repeat(25) }, /^deviceKind\.browser: .*at most 24 characters/],
      [{ browser: '' }, /^deviceKind\.browser: .*must not be empty/],
      [{ os: '   ' }, /^deviceKind\.os: .*must not be empty/],
      [{ os: 'Android\u0000' }, /^deviceKind\.os: /],
      [{ os: 'Android\u202e' }, /^deviceKind\.os: /],
      // A user agent does not fit: it has "/" and ";" (and is too long anyway).
      [{ browser: 'Chrome/131.0.6778.85' }, /^deviceKind\.browser: .*letters, digits/],
      [{ os: 'Linux; Android 14' }, /^deviceKind\.os: .*letters, digits/],
      [{ browser: 7 }, /^deviceKind\.browser: .*must be a string/],
      [null, /^deviceKind: /],
    ];
    for (const [deviceKind, message] of bad) {
      expect(await expectError(await signInWith(account, 'Phone', deviceKind), 400, 'invalid-body')).toMatch(message);
    }
    expect(await listed(account.token)).toEqual([['Test phone', null]]);
    await expectError(await registerWith({ browser: 'Chr\u0007ome' }), 400, 'invalid-body');
  });

  it('waits in the sign-in attempt and reaches the session the second factor makes', async () => {
    const account = await register();
    await enableEmail(account);
    const step = await json<SignInResponseBody>(
      await signInWith(account, 'Phone', { browser: 'Samsung Internet', os: 'Android' }),
      200,
    );
    if (step.kind !== 'second-factor') throw new Error('expected the second-factor step');
    const attempt = step.secondFactor;
    await json(await sendCode(account, attempt, 'email'), 202);
    const token = await verified(account, attempt, 'email', await lastCode(account.email));
    expect(await listed(token)).toEqual([
      ['Test phone', null],
      ['Phone', { browser: 'Samsung Internet', os: 'Android' }],
    ]);
    // The attempt stored it in its own columns, and nothing of it is left once spent.
    const rows = await runInDurableObject(accountStub(await accountName(account.email)), (_, state) =>
      state.storage.sql.exec('SELECT count(*) AS n FROM signin_attempts').one(),
    );
    expect(rows.n).toBe(0);
  });

  it('comes with a reset by recovery key, with and without a second factor', async () => {
    for (const secondFactor of [false, true]) {
      const account = await register();
      const key = createRecoveryKey();
      const authKey = recoveryAuthKey(key);
      await json(
        await call('/account/recovery', {
          method: 'PUT',
          token: account.token,
          body: {
            ...passwordProof(account),
            recovery: {
              slot: toBase64url(wrapVaultKeyForRecovery(key, randomBytes(32))),
              verifier: toBase64url(await sha256(authKey)),
            },
          },
        }),
        200,
      );
      if (secondFactor) await enableEmail(account);
      const body = await json<SignInResponseBody>(
        await call('/auth/recover', {
          body: {
            email: account.email,
            recoveryAuthKey: toBase64url(authKey),
            deviceName: 'Borrowed laptop',
            deviceKind: { browser: 'Firefox', os: 'Linux' },
            next: nextPassword().body,
          },
        }),
        200,
      );
      let token: string;
      if (body.kind === 'session') token = body.session.token;
      else {
        await json(await sendCode(account, body.secondFactor, 'email'), 202);
        token = await verified(account, body.secondFactor, 'email', await lastCode(account.email));
      }
      expect(body.kind).toBe(secondFactor ? 'second-factor' : 'session');
      // A reset ends every other session: the list is this device alone, with its kind.
      expect(await listed(token)).toEqual([['Borrowed laptop', { browser: 'Firefox', os: 'Linux' }]]);
    }
  });

  it('is updated when the device proves the password again or signs in again', async () => {
    const account = await register({ deviceName: 'Laptop' });
    const next = nextPassword();
    const bad = await call('/account/password', {
      token: account.token,
      body: { authKey: toBase64url(account.keys.authKey), next: next.body, deviceKind: { os: 'Linux/x86_64' } },
    });
    await expectError(bad, 400, 'invalid-body');
    await json(
      await call('/account/password', {
        token: account.token,
        body: {
          authKey: toBase64url(account.keys.authKey),
          next: next.body,
          deviceKind: { browser: 'Chrome', os: 'Linux' },
        },
      }),
      200,
    );
    expect(await listed(account.token)).toEqual([['Laptop', { browser: 'Chrome', os: 'Linux' }]]);
    // Without one the kind stays as it was.
    const again = nextPassword();
    await json(
      await call('/account/password', {
        token: account.token,
        body: { authKey: toBase64url(next.keys.authKey), next: again.body },
      }),
      200,
    );
    expect(await listed(account.token)).toEqual([['Laptop', { browser: 'Chrome', os: 'Linux' }]]);
    // The same device signs in again after an update of its browser: its new session says so.
    const renewed = await signedIn({ ...account, keys: again.keys }, 'Laptop', { browser: 'Chromium', os: 'Linux' });
    await call('/auth/signout', { method: 'POST', token: account.token });
    expect(await listed(renewed)).toEqual([['Laptop', { browser: 'Chromium', os: 'Linux' }]]);
  });

  it('the migration keeps the sessions of an object made before it, which list no kind', async () => {
    const account = await register({ deviceName: 'Old phone' });
    const stub = accountStub(await accountName(account.email));
    // Put the object back to the schema before device kinds (what a deployed object has), with
    // its session, then migrate it as the next request would.
    await runInDurableObject(stub, (_, state) => {
      const sql = state.storage.sql;
      for (const table of ['sessions', 'signin_attempts'])
        for (const column of ['device_browser', 'device_os']) sql.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`);
      sql.exec('UPDATE schema_version SET version = ?', SCHEMA_VERSION - 1);
      expect(sql.exec('SELECT count(*) AS n FROM sessions').one().n).toBe(1);
      migrate(state.storage);
      expect(sql.exec<{ version: number }>('SELECT version FROM schema_version').one().version).toBe(SCHEMA_VERSION);
      const columns = sql
        .exec<{ name: string }>("SELECT name FROM pragma_table_info('sessions')")
        .toArray()
        .map((c) => c.name);
      expect(columns).toEqual(expect.arrayContaining(['device_browser', 'device_os']));
    });
    // The old session still works and lists without a kind; a new one has its own.
    expect(await listed(account.token)).toEqual([['Old phone', null]]);
    const fresh = await signedIn(account, 'New phone', { browser: 'Chrome', os: 'Android' });
    expect(await listed(fresh)).toEqual([
      ['Old phone', null],
      ['New phone', { browser: 'Chrome', os: 'Android' }],
    ]);
  });
});
