import { toBase64url } from '@tessera/core/crypto/bytes';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { accountName } from '../src/account/names.ts';
import {
  call,
  expectError,
  json,
  keysBody,
  lastCode,
  newEmail,
  newKeys,
  outbox,
  register,
  accountStub,
} from './helpers.ts';

async function start(email: string, ip?: string) {
  return call('/auth/register/start', { body: { email }, ip });
}

function finishBody(email: string, code: string, keys = newKeys()) {
  return { email, code, deviceName: 'Laptop', ...keysBody(keys) };
}

function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

describe('registration', () => {
  it('mails a 6-digit code and nothing else, then creates the account and a session with it', async () => {
    const email = newEmail();
    const started = await json(await start(email), 202);
    expect(started).toEqual({ sent: true, expiresInSeconds: 600 });
    const [message] = await outbox(email);
    expect(message?.channel).toBe('email');
    expect(message?.to).toBe(email);
    const code = /\b(\d{6})\b/.exec(message?.text ?? '')?.[1] as string;
    expect(message?.text.replace(code, '<code>')).not.toMatch(/\d{4,}|https?:|@/);

    const keys = newKeys();
    const body = await json(await call('/auth/register/finish', { body: finishBody(email, code, keys) }), 201);
    expect(body.kind).toBe('session');
    expect(body.session.token).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    expect(body.vault).toEqual({
      vaultId: keys.vaultId,
      salt: toBase64url(keys.salt),
      kdf: keysBody(keys).kdf,
      wrappedVaultKey: toBase64url(keys.wrappedVaultKey),
      recovery: null,
    });
    const account = await json(await call('/account', { token: body.session.token }), 200);
    expect(account.email).toBe(email);
  });

  it('stores only the hash of the code, and of the authKey', async () => {
    const email = newEmail();
    await json(await start(email), 202);
    const code = await lastCode(email);
    const keys = newKeys();
    const stub = accountStub(await accountName(email));
    const pending = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec('SELECT * FROM registration').toArray(),
    );
    expect(pending).toHaveLength(1);
    expect(JSON.stringify(pending)).not.toContain(code);
    expect(new Uint8Array(pending[0]?.code_hash as ArrayBuffer).length).toBe(32);
    await json(await call('/auth/register/finish', { body: finishBody(email, code, keys) }), 201);
    const row = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec('SELECT verifier FROM account').one(),
    );
    const expected = new Uint8Array(await crypto.subtle.digest('SHA-256', keys.authKey));
    expect(new Uint8Array(row.verifier as ArrayBuffer)).toEqual(expected);
    expect(
      await runInDurableObject(stub, (_, state) => state.storage.sql.exec('SELECT * FROM registration').toArray()),
    ).toEqual([]);
  });

  it('allows 5 tries per code, saying how many remain, then voids it', async () => {
    const email = newEmail();
    await json(await start(email), 202);
    const code = await lastCode(email);
    for (let left = 4; left >= 1; left--) {
      const message = await expectError(
        await call('/auth/register/finish', { body: finishBody(email, wrongCode(code)) }),
        400,
        'code-invalid',
      );
      expect(message).toContain(`${left} ${left === 1 ? 'try' : 'tries'} left`);
    }
    await expectError(
      await call('/auth/register/finish', { body: finishBody(email, wrongCode(code)) }),
      400,
      'code-expired',
    );
    await expectError(await call('/auth/register/finish', { body: finishBody(email, code) }), 400, 'code-expired');
  });

  it('refuses a code after its 10 minutes', async () => {
    const email = newEmail();
    await json(await start(email), 202);
    const code = await lastCode(email);
    const stub = accountStub(await accountName(email));
    await runInDurableObject(stub, (_, state) => {
      state.storage.sql.exec('UPDATE registration SET expires_at = ?', Date.now() - 1);
    });
    await expectError(await call('/auth/register/finish', { body: finishBody(email, code) }), 400, 'code-expired');
  });

  it('refuses finishing without a code having been asked for', async () => {
    await expectError(
      await call('/auth/register/finish', { body: finishBody(newEmail(), '123456') }),
      400,
      'code-expired',
    );
  });

  it('answers an address that has an account the same way, but mails a notice and no code', async () => {
    const account = await register();
    const before = (await outbox(account.email)).length;
    const stub = accountStub(await accountName(account.email));
    // The registration mail of moments ago would otherwise hold the throttle.
    await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec('UPDATE registration SET last_sent_at = 0, window_start = 0'),
    );
    const res = await start(account.email);
    expect(await json(res, 202)).toEqual({ sent: true, expiresInSeconds: 600 });
    const messages = await outbox(account.email);
    expect(messages).toHaveLength(before + 1);
    expect(messages.at(-1)?.text).not.toMatch(/\d{6}/);
    expect(messages.at(-1)?.text).toMatch(/already has one/);
    // The code stored for it was sent to nobody: guessing it could not take the account over.
    const unsent = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec('SELECT code_hash FROM registration').one(),
    );
    expect(new Uint8Array(unsent.code_hash as ArrayBuffer)).toHaveLength(32);
    await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec('UPDATE registration SET code_hash = ?', new Uint8Array(32)),
    );
    await expectError(
      await call('/auth/register/finish', { body: finishBody(account.email, '000000') }),
      400,
      'code-invalid',
    );
  });

  // Issue 15, item 3: an address with an account answered code-expired at once, an unknown one
  // code-invalid with 4 tries left, which told who has an account.
  it('answers a finish for a known and an unknown address alike, try after try', async () => {
    const account = await register();
    const stub = accountStub(await accountName(account.email));
    await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec('UPDATE registration SET last_sent_at = 0, window_start = 0'),
    );
    const unknown = newEmail('nobody');
    const answers = async (email: string) => {
      await json(await start(email), 202);
      const seen: string[] = [];
      // Six wrong codes: four with tries left, the fifth spends the code, the sixth finds none.
      for (let i = 0; i < 6; i++) {
        const res = await call('/auth/register/finish', { body: finishBody(email, i % 2 === 0 ? '000000' : '999999') });
        const body = await json<{ error: { code: string; message: string } }>(res, 400);
        seen.push(`${body.error.code}: ${body.error.message}`);
      }
      return seen;
    };
    const known = await answers(account.email);
    expect(known).toEqual(await answers(unknown));
    expect(known[0]).toBe('code-invalid: Wrong code: 4 tries left');
    expect(known.slice(4)).toEqual(Array(2).fill(expect.stringMatching(/^code-expired: /)));
  });

  it('sends at most one mail per 30 s to an address', async () => {
    const email = newEmail();
    await json(await start(email), 202);
    const res = await start(email);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectError(res, 429, 'rate-limited');
    expect(await outbox(email)).toHaveLength(1);
  });

  it('sends at most 5 mails per hour to an address', async () => {
    const email = newEmail();
    const stub = accountStub(await accountName(email));
    for (let i = 0; i < 5; i++) {
      await json(await start(email), 202);
      await runInDurableObject(stub, (_, state) => state.storage.sql.exec('UPDATE registration SET last_sent_at = 0'));
    }
    const res = await start(email);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(3000);
    await expectError(res, 429, 'rate-limited');
  });

  it('uses the newest code only', async () => {
    const email = newEmail();
    await json(await start(email), 202);
    const first = await lastCode(email);
    const stub = accountStub(await accountName(email));
    await runInDurableObject(stub, (_, state) => state.storage.sql.exec('UPDATE registration SET last_sent_at = 0'));
    await json(await start(email), 202);
    const second = await lastCode(email);
    if (first !== second)
      await expectError(await call('/auth/register/finish', { body: finishBody(email, first) }), 400, 'code-invalid');
    await json(await call('/auth/register/finish', { body: finishBody(email, second) }), 201);
  });

  it('refuses key material out of bounds', async () => {
    const email = newEmail();
    await json(await start(email), 202);
    const code = await lastCode(email);
    const base = finishBody(email, code);
    const bad: [string, unknown][] = [
      ['kdf', { ...base.kdf, memoryKiB: 1024 }],
      ['kdf', { ...base.kdf, iterations: 1 }],
      ['kdf', { ...base.kdf, memoryKiB: 2 * 1024 * 1024 }],
      ['kdf', { ...base.kdf, algorithm: 'scrypt' }],
      ['salt', 'AAAA'],
      ['authKey', base.salt],
      ['authKey', `${base.authKey}=`],
      ['wrappedVaultKey', toBase64url(new Uint8Array(73))],
      ['vaultId', 'short'],
      ['deviceName', ''],
      ['deviceName', 'x'.repeat(65)],
      ['deviceName', 'tab\there'],
    ];
    for (const [field, value] of bad) {
      const message = await expectError(
        await call('/auth/register/finish', { body: { ...base, [field]: value } }),
        400,
        'invalid-body',
      );
      expect(message.startsWith(field), `${field}: ${message}`).toBe(true);
    }
    // None of those used up a try: the code still works.
    await json(await call('/auth/register/finish', { body: base }), 201);
  });
});
