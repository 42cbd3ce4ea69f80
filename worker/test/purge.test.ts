import { concatBytes, toBase64url, utf8Encode } from '@tessera/core/crypto/bytes';
import { deletionHash, deletionSecret } from '@tessera/core/crypto/deletion';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import type { PurgeResponseBody } from '@tessera/core/sync/protocol';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { accountName } from '../src/account/names.ts';
import { accountStub, call, envelope, expectError, json, pull, push, register, signIn } from './helpers.ts';

// Purges (docs/api.md, "Purge"; docs/vault-format.md, "Deletion proof"): the server removes an
// item for good only on the proof that the caller holds the vault key, never on a session alone.

interface PurgeInput {
  id: string;
  baseSeq: number;
  proof: Uint8Array;
}

function purgeCall(token: string, items: PurgeInput[]): Promise<Response> {
  return call('/vault/purge', {
    token,
    body: { items: items.map((p) => ({ id: p.id, baseSeq: p.baseSeq, proof: toBase64url(p.proof) })) },
  });
}

// A vault key only the test's "devices" know, and one item pushed with its deletion hash.
async function vaultWithItem() {
  const account = await register();
  const vaultKey = randomBytes(32);
  const id = randomId();
  const sealed = envelope(400);
  const secret = deletionSecret(vaultKey, id);
  const pushed = await push(account.token, [{ id, baseSeq: 0, envelope: sealed, deletionHash: deletionHash(secret) }]);
  expect(pushed.applied).toEqual([{ id, seq: 1 }]);
  return { account, vaultKey, id, sealed, secret };
}

// Every value of every row of every table of the account's object, as bytes.
async function storedBytes(email: string): Promise<Uint8Array> {
  return runInDurableObject(accountStub(await accountName(email)), (_, state) => {
    const sql = state.storage.sql;
    const parts: Uint8Array[] = [];
    const tables = sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'",
      )
      .toArray();
    for (const { name } of tables)
      for (const row of sql.exec(`SELECT * FROM "${name}"`))
        for (const value of Object.values(row))
          parts.push(value instanceof ArrayBuffer ? new Uint8Array(value) : utf8Encode(String(value)));
    return concatBytes(...parts);
  });
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle));
}

async function itemRow(email: string, id: string) {
  return runInDurableObject(
    accountStub(await accountName(email)),
    (_, state) =>
      state.storage.sql
        .exec<{ seq: number; envelope: ArrayBuffer | null; purge_proof: ArrayBuffer | null }>(
          'SELECT seq, envelope, purge_proof FROM items WHERE id = ?',
          id,
        )
        .toArray()[0],
  );
}

describe('purge', () => {
  it('is refused without a proof, and for an item pushed without a deletion hash', async () => {
    const { account, id } = await vaultWithItem();
    await expectError(
      await call('/vault/purge', { token: account.token, body: { items: [{ id, baseSeq: 1 }] } }),
      400,
      'invalid-body',
    );
    // Pushed the way clients before deletion hashes did: nothing can prove the vault key for it.
    const old = randomId();
    await push(account.token, [{ id: old, baseSeq: 0, envelope: envelope() }]);
    const message = await expectError(
      await purgeCall(account.token, [{ id: old, baseSeq: 2, proof: randomBytes(32) }]),
      409,
      'deletion-proof-unavailable',
    );
    expect(message).toContain(old);
    expect((await itemRow(account.email, old))?.envelope).not.toBeNull();
  });

  it('is refused with a wrong proof, and purges nothing of the request', async () => {
    const { account, vaultKey, id, secret } = await vaultWithItem();
    const other = randomId();
    await push(account.token, [
      { id: other, baseSeq: 0, envelope: envelope(), deletionHash: deletionHash(deletionSecret(vaultKey, other)) },
    ]);
    // A stolen token has no vault key: another key's secret, or the right item's secret with a
    // bit flipped, both fail; the valid first purge of the request is not applied either.
    const flipped = secret.slice();
    flipped[0]! ^= 1;
    for (const proof of [deletionSecret(randomBytes(32), id), flipped]) {
      await expectError(
        await purgeCall(account.token, [
          { id: other, baseSeq: 2, proof: deletionSecret(vaultKey, other) },
          { id, baseSeq: 1, proof },
        ]),
        403,
        'deletion-proof-invalid',
      );
    }
    // Another item's genuine secret is no proof for this one.
    await expectError(
      await purgeCall(account.token, [{ id, baseSeq: 1, proof: deletionSecret(vaultKey, other) }]),
      403,
      'deletion-proof-invalid',
    );
    expect((await itemRow(account.email, id))?.envelope).not.toBeNull();
    expect((await itemRow(account.email, other))?.envelope).not.toBeNull();
    expect((await pull(account.token, '2')).changes).toEqual([]);
  });

  it('leaves no envelope of the item in the object storage and keeps the proof on a marker', async () => {
    const { account, id, sealed, secret } = await vaultWithItem();
    expect(contains(await storedBytes(account.email), sealed)).toBe(true);
    const res = await purgeCall(account.token, [{ id, baseSeq: 1, proof: secret }]);
    expect(await json<PurgeResponseBody>(res, 200)).toEqual({ purged: [{ id, seq: 2 }], conflicts: [] });
    expect(contains(await storedBytes(account.email), sealed)).toBe(false);
    const row = await itemRow(account.email, id);
    expect(row?.seq).toBe(2);
    expect(row?.envelope).toBeNull();
    expect(new Uint8Array(row!.purge_proof!)).toEqual(secret);
    const view = await json(await call('/account', { token: account.token }), 200);
    expect(view.itemCount).toBe(0);
  });

  it('tells the other sessions through the changes feed, with the proof and never the hash', async () => {
    const { account, id, secret } = await vaultWithItem();
    const other = await signIn(account);
    const before = await pull(other.token);
    expect(before.changes).toHaveLength(1);
    expect(JSON.stringify(before)).not.toContain(toBase64url(deletionHash(secret)));
    await json(await purgeCall(account.token, [{ id, baseSeq: 1, proof: secret }]), 200);
    const after = await pull(other.token, before.nextCursor);
    expect(after.changes).toEqual([{ id, seq: 2, deleted: true, proof: toBase64url(secret) }]);
    expect(after.nextCursor).toBe('2');
  });

  it('answers a stale baseSeq or an unknown item as a conflict with the current item', async () => {
    const { account, vaultKey, id, secret } = await vaultWithItem();
    // Restored (written again) on another device since this one saw it at seq 1.
    const restored = envelope();
    await push(account.token, [{ id, baseSeq: 1, envelope: restored, deletionHash: deletionHash(secret) }]);
    const unknown = randomId();
    const res = await purgeCall(account.token, [
      { id, baseSeq: 1, proof: secret },
      { id: unknown, baseSeq: 0, proof: deletionSecret(vaultKey, unknown) },
    ]);
    expect(await json<PurgeResponseBody>(res, 200)).toEqual({
      purged: [],
      conflicts: [
        { id, current: { id, seq: 2, envelope: toBase64url(restored) } },
        { id: unknown, current: null },
      ],
    });
    expect((await itemRow(account.email, id))?.envelope).not.toBeNull();
  });

  it('keeps the first hash: a later push with another one cannot open the item to a purge', async () => {
    const { account, id, secret } = await vaultWithItem();
    // A stolen token pushes over the item with a hash of a secret of its own choosing.
    const mine = randomBytes(32);
    await push(account.token, [{ id, baseSeq: 1, envelope: envelope(), deletionHash: deletionHash(mine) }]);
    await expectError(await purgeCall(account.token, [{ id, baseSeq: 2, proof: mine }]), 403, 'deletion-proof-invalid');
    await json(await purgeCall(account.token, [{ id, baseSeq: 2, proof: secret }]), 200);
  });

  it('sets a hash on the first push that carries one, even a retry of bytes already stored', async () => {
    const account = await register();
    const vaultKey = randomBytes(32);
    const id = randomId();
    const sealed = envelope();
    await push(account.token, [{ id, baseSeq: 0, envelope: sealed }]);
    const secret = deletionSecret(vaultKey, id);
    // The same bytes on the old baseSeq: a retry, applied at the same seq, and the hash is kept.
    expect(
      (await push(account.token, [{ id, baseSeq: 0, envelope: sealed, deletionHash: deletionHash(secret) }])).applied,
    ).toEqual([{ id, seq: 1 }]);
    await json(await purgeCall(account.token, [{ id, baseSeq: 1, proof: secret }]), 200);
  });

  it('lets a push bring a purged item back, without the hash of a secret the feed has shown', async () => {
    const { account, id, secret } = await vaultWithItem();
    await json(await purgeCall(account.token, [{ id, baseSeq: 1, proof: secret }]), 200);
    // Purging it again is a conflict: there is nothing left to purge.
    expect(
      await json<PurgeResponseBody>(await purgeCall(account.token, [{ id, baseSeq: 2, proof: secret }]), 200),
    ).toEqual({
      purged: [],
      conflicts: [{ id, current: { id, seq: 2, deleted: true, proof: toBase64url(secret) } }],
    });
    await push(account.token, [{ id, baseSeq: 2, envelope: envelope(), deletionHash: deletionHash(secret) }]);
    // Anyone who read the feed knows that secret: it no longer purges the item.
    await expectError(
      await purgeCall(account.token, [{ id, baseSeq: 3, proof: secret }]),
      409,
      'deletion-proof-unavailable',
    );
    expect((await itemRow(account.email, id))?.purge_proof).toBeNull();
  });

  it('needs a session, and refuses a repeated id and more than 500 items', async () => {
    const { account, id, secret } = await vaultWithItem();
    await expectError(await purgeCall('x.y', [{ id, baseSeq: 1, proof: secret }]), 401, 'session-invalid');
    await expectError(
      await purgeCall(account.token, [
        { id, baseSeq: 1, proof: secret },
        { id, baseSeq: 1, proof: secret },
      ]),
      400,
      'duplicate-change',
    );
    const many = Array.from({ length: 501 }, () => ({ id: randomId(), baseSeq: 1, proof: secret }));
    await expectError(await purgeCall(account.token, many), 413, 'too-many-changes');
    expect((await itemRow(account.email, id))?.envelope).not.toBeNull();
  });
});
