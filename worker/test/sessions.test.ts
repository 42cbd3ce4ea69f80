import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { accountName } from '../src/account/names.ts';
import { accountStub, call, expectError, json, register, signIn } from './helpers.ts';
import { realClock, setClock } from './twofa-helpers.ts';

afterEach(realClock);

describe('sessions', () => {
  it('lists every device with its name and times, marking the current one', async () => {
    const account = await register({ deviceName: 'Pixel 9' });
    const second = await signIn(account, 'Work laptop');
    const body = await json(await call('/sessions', { token: second.token }), 200);
    expect(body.sessions.map((s: any) => [s.deviceName, s.current])).toEqual([
      ['Pixel 9', false],
      ['Work laptop', true],
    ]);
    for (const s of body.sessions) {
      expect(s.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(s.createdAt).toBeLessThanOrEqual(s.lastSeenAt);
      expect(s.expiresAt).toBeGreaterThan(s.lastSeenAt);
      expect(Object.keys(s).sort()).toEqual([
        'createdAt',
        'current',
        'deviceKind',
        'deviceName',
        'eraseRequestedAt',
        'expiresAt',
        'id',
        'lastSeenAt',
      ]);
    }
  });

  it('revokes another device, which is then refused', async () => {
    const account = await register();
    const second = await signIn(account);
    expect((await call(`/sessions/${second.sessionId}`, { method: 'DELETE', token: account.token })).status).toBe(204);
    await expectError(await call('/account', { token: second.token }), 401, 'session-invalid');
    await json(await call('/account', { token: account.token }), 200);
    await expectError(
      await call(`/sessions/${second.sessionId}`, { method: 'DELETE', token: account.token }),
      404,
      'session-not-found',
    );
  });

  it('revokes its own session', async () => {
    const account = await register();
    expect((await call(`/sessions/${account.sessionId}`, { method: 'DELETE', token: account.token })).status).toBe(204);
    await expectError(await call('/sessions', { token: account.token }), 401, 'session-invalid');
  });

  it('signs out', async () => {
    const account = await register();
    const second = await signIn(account);
    expect((await call('/auth/signout', { method: 'POST', token: second.token })).status).toBe(204);
    await expectError(await call('/sessions', { token: second.token }), 401, 'session-invalid');
    await expectError(await call('/auth/signout', { method: 'POST', token: second.token }), 401, 'session-invalid');
    const left = await json(await call('/sessions', { token: account.token }), 200);
    expect(left.sessions).toHaveLength(1);
  });

  it('refuses missing, malformed and made-up tokens', async () => {
    const account = await register();
    const [name] = account.token.split('.');
    const otherName = 'A'.repeat(43);
    for (const header of [
      undefined,
      'Basic abc',
      `Bearer ${name}`,
      `Bearer ${name}.short`,
      `Bearer ${name}.${'A'.repeat(43)}`,
      `Bearer ${otherName}.${account.token.split('.')[1]}`,
      `bearer  ${account.token}`,
    ]) {
      const headers: Record<string, string> = header === undefined ? {} : { authorization: header };
      await expectError(await call('/sessions', { headers }), 401, 'session-invalid');
    }
  });

  it('cannot revoke a session of another account', async () => {
    const a = await register();
    const b = await register();
    await expectError(
      await call(`/sessions/${b.sessionId}`, { method: 'DELETE', token: a.token }),
      404,
      'session-not-found',
    );
    await json(await call('/account', { token: b.token }), 200);
  });

  it('expires after 30 days without use, and each use slides the expiry', async () => {
    const account = await register();
    const stub = accountStub(await accountName(account.email));
    const day = 24 * 3600 * 1000;
    // Last used 29 days ago: still valid, and the use moves expiry 30 days ahead again.
    await runInDurableObject(stub, (_, state) => {
      state.storage.sql.exec(
        'UPDATE sessions SET last_seen_at = ?, expires_at = ?',
        Date.now() - 29 * day,
        Date.now() + day,
      );
    });
    await json(await call('/account', { token: account.token }), 200);
    const row = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec('SELECT last_seen_at, expires_at FROM sessions').one(),
    );
    expect(Number(row.expires_at)).toBeGreaterThan(Date.now() + 29 * day);
    expect(Number(row.last_seen_at)).toBeGreaterThan(Date.now() - 60_000);
    await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec('UPDATE sessions SET expires_at = ?', Date.now() - 1),
    );
    await expectError(await call('/account', { token: account.token }), 401, 'session-invalid');
    const left = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec('SELECT id FROM sessions').toArray(),
    );
    expect(left).toEqual([]);
  });

  // Issue 15, item 7: a session used at least once a month slid for ever.
  it('ends 90 days after it was made, however often it is used', async () => {
    const account = await register();
    const day = 24 * 3600 * 1000;
    const start = Date.now();
    for (let at = 20; at <= 80; at += 20) {
      setClock(start + at * day);
      const listed = await json(await call('/sessions', { token: account.token }), 200);
      // The expiry shown is the earlier of the idle one and the absolute one.
      expect(listed.sessions[0].expiresAt).toBe(
        Math.min(start + at * day + 30 * day, listed.sessions[0].createdAt + 90 * day),
      );
    }
    setClock(start + 90 * day);
    await expectError(await call('/account', { token: account.token }), 401, 'session-invalid');
  });
});
