import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomId } from '@tessera/core/crypto/random';
import { SYNC_LIMITS } from '@tessera/core/sync/limits';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { accountName } from '../src/account/names.ts';
import {
  accountStub,
  call,
  changeBody,
  envelope,
  expectError,
  json,
  plantTombstone,
  pull,
  pullAll,
  push,
  register,
  signIn,
} from './helpers.ts';

describe('pull', () => {
  it('starts empty with cursor 0', async () => {
    const { token } = await register();
    expect(await pull(token)).toEqual({ changes: [], nextCursor: '0', more: false });
  });

  it('pages through changes in seq order, with the next cursor and whether more remain', async () => {
    const { token } = await register();
    const ids = Array.from({ length: 7 }, () => randomId());
    await push(
      token,
      ids.map((id) => ({ id, baseSeq: 0, envelope: envelope() })),
    );
    const first = await pull(token, '0', 3);
    expect(first.changes.map((c) => [c.id, c.seq])).toEqual(ids.slice(0, 3).map((id, i) => [id, i + 1]));
    expect(first).toMatchObject({ nextCursor: '3', more: true });
    const second = await pull(token, first.nextCursor, 3);
    expect(second).toMatchObject({ nextCursor: '6', more: true });
    const third = await pull(token, second.nextCursor, 3);
    expect(third.changes.map((c) => c.id)).toEqual([ids[6]]);
    expect(third).toMatchObject({ nextCursor: '7', more: false });
    expect(await pull(token, '7')).toEqual({ changes: [], nextCursor: '7', more: false });
  });

  it('returns each item once, at its latest change, and tombstones an older server left as deleted', async () => {
    const { token, email } = await register();
    const [a, b] = [randomId(), randomId()];
    await push(token, [
      { id: a, baseSeq: 0, envelope: envelope() },
      { id: b, baseSeq: 0, envelope: envelope() },
    ]);
    const latest = envelope();
    await push(token, [{ id: a, baseSeq: 1, envelope: latest }]);
    await plantTombstone(email, b);
    const { changes } = await pull(token);
    expect(changes).toEqual([
      { id: a, seq: 3, envelope: toBase64url(latest) },
      { id: b, seq: 4, deleted: true },
    ]);
    expect((await pull(token, '3')).changes).toEqual([{ id: b, seq: 4, deleted: true }]);
  });

  it('refuses bad cursors and limits', async () => {
    const { token } = await register();
    for (const q of [
      'since=-1',
      'since=abc',
      'since=01',
      'since=1e3',
      'limit=0',
      'limit=1001',
      'limit=x',
      'since=0&since=1',
      'other=1',
    ]) {
      await expectError(await call(`/vault/changes?${q}`, { token }), 400, 'invalid-query');
    }
    await expectError(await call('/vault/changes?since=5', { token }), 409, 'cursor-invalid');
  });

  it('needs a session', async () => {
    await expectError(await call('/vault/changes'), 401, 'session-invalid');
    await expectError(await call('/vault/changes', { body: { changes: [] } }), 401, 'session-invalid');
  });
});

describe('push', () => {
  it('applies new items, each with its own seq', async () => {
    const { token } = await register();
    const ids = [randomId(), randomId()];
    const result = await push(
      token,
      ids.map((id) => ({ id, baseSeq: 0, envelope: envelope() })),
    );
    expect(result).toEqual({
      applied: [
        { id: ids[0], seq: 1 },
        { id: ids[1], seq: 2 },
      ],
      conflicts: [],
    });
  });

  it('refuses a stale change as a conflict carrying the current item, and applies the rest', async () => {
    const account = await register();
    const other = await signIn(account);
    const [a, b] = [randomId(), randomId()];
    await push(account.token, [{ id: a, baseSeq: 0, envelope: envelope() }]);
    const theirs = envelope();
    await push(other.token, [{ id: a, baseSeq: 1, envelope: theirs }]);
    const result = await push(account.token, [
      { id: a, baseSeq: 1, envelope: envelope() },
      { id: b, baseSeq: 0, envelope: envelope() },
    ]);
    expect(result.conflicts).toEqual([{ id: a, current: { id: a, seq: 2, envelope: toBase64url(theirs) } }]);
    expect(result.applied).toEqual([{ id: b, seq: 3 }]);
    // The client merges and pushes on the server's seq: accepted.
    expect((await push(account.token, [{ id: a, baseSeq: 2, envelope: envelope() }])).applied).toEqual([
      { id: a, seq: 4 },
    ]);
  });

  it('reports a conflict with a deleted item, and with an item the client thinks is new', async () => {
    const account = await register();
    const a = randomId();
    await push(account.token, [{ id: a, baseSeq: 0, envelope: envelope() }]);
    await plantTombstone(account.email, a);
    const stale = await push(account.token, [{ id: a, baseSeq: 1, envelope: envelope() }]);
    expect(stale.conflicts).toEqual([{ id: a, current: { id: a, seq: 2, deleted: true } }]);
    const asNew = await push(account.token, [{ id: a, baseSeq: 0, envelope: envelope() }]);
    expect(asNew.conflicts).toEqual([{ id: a, current: { id: a, seq: 2, deleted: true } }]);
    // Restoring on top of the tombstone's seq works.
    expect((await push(account.token, [{ id: a, baseSeq: 2, envelope: envelope() }])).applied).toEqual([
      { id: a, seq: 3 },
    ]);
    const missing = randomId();
    expect((await push(account.token, [{ id: missing, baseSeq: 5, envelope: envelope() }])).conflicts).toEqual([
      { id: missing, current: null },
    ]);
  });

  it('is idempotent: a retried push whose answer was lost changes nothing and reports the same seqs', async () => {
    const { token } = await register();
    const [a, b] = [randomId(), randomId()];
    const changes = [
      { id: a, baseSeq: 0, envelope: envelope() },
      { id: b, baseSeq: 0, envelope: envelope() },
    ];
    const first = await push(token, changes);
    const retry = await push(token, changes);
    expect(retry).toEqual(first);
    const edit = [{ id: a, baseSeq: 1, envelope: envelope() }];
    const edited = await push(token, edit);
    expect(await push(token, edit)).toEqual(edited);
    const { changes: all } = await pullAll(token);
    expect(all.map((c) => c.seq)).toEqual([2, 3]);
  });

  it('pokes nothing and writes nothing for an empty push', async () => {
    const { token } = await register();
    expect(await push(token, [])).toEqual({ applied: [], conflicts: [] });
    expect((await pull(token)).nextCursor).toBe('0');
  });

  it('resolves 20 concurrent pushes on one item to one accepted change per base, conflicts for the rest, no loss', async () => {
    const account = await register();
    const devices = [
      account.token,
      ...(await Promise.all(Array.from({ length: 4 }, (_, i) => signIn(account, `Device ${i}`)))).map((d) => d.token),
    ];
    const id = randomId();
    const base = envelope();
    await push(account.token, [{ id, baseSeq: 0, envelope: base }]);
    // Every writer keeps trying: on a conflict it "merges" by adopting the server's seq and
    // pushing its own envelope again, until its write is accepted once.
    const writes = Array.from({ length: 20 }, () => envelope());
    const accepted: { seq: number; envelope: string }[] = [];
    const firstRound = await Promise.all(
      writes.map((env, i) => push(devices[i % devices.length] as string, [{ id, baseSeq: 1, envelope: env }])),
    );
    expect(firstRound.filter((r) => r.applied.length === 1)).toHaveLength(1);
    expect(firstRound.filter((r) => r.conflicts.length === 1)).toHaveLength(19);
    for (const r of firstRound) {
      if (r.conflicts[0]) expect(r.conflicts[0].current?.seq).toBe(2);
    }
    await Promise.all(
      writes.map(async (env, i) => {
        const token = devices[i % devices.length] as string;
        let baseSeq = 1;
        for (;;) {
          const r = await push(token, [{ id, baseSeq, envelope: env }]);
          if (r.applied[0]) {
            accepted.push({ seq: r.applied[0].seq, envelope: toBase64url(env) });
            return;
          }
          baseSeq = r.conflicts[0]?.current?.seq as number;
        }
      }),
    );
    // Each write was accepted exactly once, on a distinct base, and seqs 2..21 each hold one of them.
    expect(accepted).toHaveLength(20);
    expect(accepted.map((a) => a.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const final = await pull(account.token);
    const last = accepted.find((a) => a.seq === 21);
    expect(final.changes).toEqual([{ id, seq: 21, envelope: last?.envelope }]);
  });

  it('refuses the whole push for a duplicate id, a bad envelope, too many changes', async () => {
    const { token } = await register();
    const id = randomId();
    const dup = await call('/vault/changes', {
      token,
      body: {
        changes: [
          changeBody({ id, baseSeq: 0, envelope: envelope() }),
          changeBody({ id, baseSeq: 0, envelope: envelope() }),
        ],
      },
    });
    expect(await expectError(dup, 400, 'duplicate-change')).toContain('changes[1]');
    const big = envelope(SYNC_LIMITS.envelopeMaxBytes + 1);
    await expectError(
      await call('/vault/changes', { token, body: { changes: [changeBody({ id, baseSeq: 0, envelope: big })] } }),
      413,
      'envelope-too-large',
    );
    const exact = envelope(SYNC_LIMITS.envelopeMaxBytes);
    expect((await push(token, [{ id, baseSeq: 0, envelope: exact }])).applied).toHaveLength(1);
    const other = randomId();
    const v2 = envelope();
    v2[0] = 2;
    expect(
      await expectError(
        await call('/vault/changes', {
          token,
          body: { changes: [changeBody({ id: other, baseSeq: 0, envelope: v2 })] },
        }),
        400,
        'envelope-invalid',
      ),
    ).toMatch(/version 2/);
    await expectError(
      await call('/vault/changes', {
        token,
        body: { changes: [changeBody({ id: other, baseSeq: 0, envelope: envelope(40) })] },
      }),
      400,
      'envelope-invalid',
    );
    const many = Array.from({ length: SYNC_LIMITS.changesPerPush + 1 }, () =>
      changeBody({ id: randomId(), baseSeq: 0, envelope: envelope(41) }),
    );
    await expectError(await call('/vault/changes', { token, body: { changes: many } }), 413, 'too-many-changes');
    expect((await pull(token)).changes.map((c) => c.id)).toEqual([id]);
  });

  it('refuses malformed changes', async () => {
    const { token } = await register();
    const id = randomId();
    const good = changeBody({ id, baseSeq: 0, envelope: envelope() });
    const bad: unknown[] = [
      { ...good, id: 'short' },
      { ...good, id: `${id}x` },
      { ...good, id: id.replace(/./, '+') },
      { ...good, baseSeq: -1 },
      { ...good, baseSeq: 1.5 },
      { ...good, baseSeq: '0' },
      { ...good, envelope: `${good.envelope}=` },
      { ...good, envelope: 'a' },
      { id, baseSeq: 0 },
      { id, baseSeq: 0, delete: false },
      { ...good, delete: true },
      { ...good, extra: 1 },
    ];
    for (const change of bad)
      await expectError(await call('/vault/changes', { token, body: { changes: [change] } }), 400, 'invalid-body');
    await expectError(await call('/vault/changes', { token, body: { changes: {} } }), 400, 'invalid-body');
    await expectError(await call('/vault/changes', { token, body: {} }), 400, 'invalid-body');
  });

  it('refuses a push that would exceed the items per account, applying none of it', async () => {
    const account = await register();
    const stub = accountStub(await accountName(account.email));
    await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec('UPDATE account SET item_count = ?', SYNC_LIMITS.itemsPerAccount - 1),
    );
    const message = await expectError(
      await call('/vault/changes', {
        token: account.token,
        body: {
          changes: [
            changeBody({ id: randomId(), baseSeq: 0, envelope: envelope() }),
            changeBody({ id: randomId(), baseSeq: 0, envelope: envelope() }),
          ],
        },
      }),
      409,
      'vault-full',
    );
    expect(message).toContain(String(SYNC_LIMITS.itemsPerAccount));
    expect((await pull(account.token)).changes).toEqual([]);
    // One more fits exactly; a full vault still takes edits of the items it has.
    const id = randomId();
    expect((await push(account.token, [{ id, baseSeq: 0, envelope: envelope() }])).applied).toHaveLength(1);
    await expectError(
      await call('/vault/changes', {
        token: account.token,
        body: { changes: [changeBody({ id: randomId(), baseSeq: 0, envelope: envelope() })] },
      }),
      409,
      'vault-full',
    );
    expect((await push(account.token, [{ id, baseSeq: 1, envelope: envelope() }])).applied).toEqual([{ id, seq: 2 }]);
  });

  // Issue 15: the app never deletes an item on the server (its deletion is a field inside the
  // record), so a session token, stolen or not, must not be able to erase items on every device.
  it('refuses a change that would delete an item, from any session, and the item stays', async () => {
    const account = await register();
    const thief = await signIn(account, 'Stolen token');
    const id = randomId();
    const kept = envelope();
    await push(account.token, [{ id, baseSeq: 0, envelope: kept }]);
    for (const token of [account.token, thief.token]) {
      const message = await expectError(
        await call('/vault/changes', { token, body: { changes: [{ id, baseSeq: 1, delete: true }] } }),
        400,
        'invalid-body',
      );
      expect(message).toMatch(/^changes\[0\]\.\w+: .*deletion travels inside the envelope/);
    }
    expect((await pull(account.token)).changes).toEqual([{ id, seq: 1, envelope: toBase64url(kept) }]);
  });

  it('keeps items of one account away from another', async () => {
    const a = await register();
    const b = await register();
    const id = randomId();
    await push(a.token, [{ id, baseSeq: 0, envelope: envelope() }]);
    expect((await pull(b.token)).changes).toEqual([]);
    expect((await push(b.token, [{ id, baseSeq: 0, envelope: envelope() }])).applied).toEqual([{ id, seq: 1 }]);
  });
});
