import 'fake-indexeddb/auto';
import { sealItem } from '@tessera/core/crypto/item';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import { encodeRecord } from '@tessera/core/vault/codec';
import { createRecord } from '@tessera/core/vault/edit';
import { HybridClock } from '@tessera/core/vault/hlc';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type TesseraDb, type VaultMetaRow } from '../../src/services/db.ts';
import { openVaultStore, prepareVaultStore, type VaultStore } from '../../src/services/vault-store.ts';

// The vault store (src/services/vault-store.ts) in Node: real Dexie over fake-indexeddb, real
// core crypto. What a user would notice: edits in quick succession all kept and in order, an
// item that does not open set aside (never lost) while the rest opens, rows written elsewhere
// shown on refresh, and a lock in the middle of work refusing cleanly with one error.

const open: { db: TesseraDb; store?: VaultStore }[] = [];

async function vault() {
  const db = openDb(`vault-store-test-${randomId()}`);
  const meta: VaultMetaRow = {
    key: 'vault',
    format: 1,
    vaultId: randomId(),
    salt: randomBytes(16),
    kdf: { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 },
    wrappedVaultKey: new Uint8Array(0),
    deviceId: randomId(),
    clock: null,
  };
  await db.meta.put(meta);
  const vaultKey = randomBytes(32);
  const entry: { db: TesseraDb; store?: VaultStore } = { db };
  open.push(entry);
  const unlock = async () => {
    entry.store = await openVaultStore(db, (await db.meta.get('vault'))!, vaultKey.slice());
    return entry.store;
  };
  return { db, meta, vaultKey, unlock };
}

afterEach(async () => {
  for (const { db, store } of open.splice(0)) {
    store?.close();
    db.close();
    await db.delete();
  }
});

describe('openVaultStore', () => {
  it('keeps every one of several quick edits, applied in the order they were asked', async () => {
    const { unlock } = await vault();
    const store = await unlock();
    const id = await store.create({ title: 'GitHub' });
    const written: string[][] = [];
    store.onWrite((ids) => written.push([...ids]));
    // Not awaited one by one: each edit must start from what the previous one left.
    await Promise.all([
      store.update(id, { title: 'GitHub (work)' }),
      store.update(id, { favourite: true }),
      store.update(id, { notes: 'second key on the keyring' }),
    ]);
    expect(store.view(id)).toMatchObject({
      title: 'GitHub (work)',
      favourite: true,
      notes: 'second key on the keyring',
    });
    expect(written).toEqual([[id], [id], [id]]);
    // And they were stored, not only shown: a fresh unlock reads the same.
    store.close();
    const again = await unlock();
    expect(again.view(id)).toMatchObject({
      title: 'GitHub (work)',
      favourite: true,
      notes: 'second key on the keyring',
    });
  });

  it('a failing edit does not stop the ones queued after it', async () => {
    const { unlock } = await vault();
    const store = await unlock();
    const id = await store.create({ title: 'A' });
    const results = await Promise.allSettled([
      store.update('nopeNopeNopeNopeNope12', { title: 'x' }),
      store.update(id, { title: 'B' }),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { name: 'VaultError', code: 'no-record' } });
    expect(results[1].status).toBe('fulfilled');
    expect(store.view(id)?.title).toBe('B');
  });

  it('a write the quota refuses says so, shows nothing as saved, and saving again keeps the edit', async () => {
    const { db, unlock } = await vault();
    const store = await unlock();
    const id = await store.create({ title: 'Harbour Mail' });
    // The browser's refusal as Chromium delivers it at commit: an AbortError wrapping the
    // QuotaExceededError (the e2e suite makes the real one with a quota override).
    const bulkPut = db.records.bulkPut.bind(db.records);
    let refuse = true;
    db.records.bulkPut = ((...args: Parameters<typeof bulkPut>) => {
      if (!refuse) return bulkPut(...args);
      return Promise.reject(
        Object.assign(new Error('Transaction aborted'), {
          name: 'AbortError',
          inner: new DOMException('quota', 'QuotaExceededError'),
        }),
      );
    }) as typeof bulkPut;
    await expect(store.update(id, { notes: 'new recovery phone' })).rejects.toMatchObject({
      name: 'VaultError',
      code: 'storage-full',
      message: expect.stringMatching(/storage is full.*save again/),
    });
    expect(store.view(id)?.notes).toBe('');
    refuse = false;
    await store.update(id, { notes: 'new recovery phone' });
    store.close();
    expect((await unlock()).view(id)?.notes).toBe('new recovery phone');
  });

  it('an import written in parts is still all or nothing', async () => {
    const { db, unlock } = await vault();
    const store = await unlock();
    const kept = await store.create({ title: 'Kept' });
    // 1,200 entries are written in three parts; the quota refuses the third.
    const bulkPut = db.records.bulkPut.bind(db.records);
    let calls = 0;
    db.records.bulkPut = ((...args: Parameters<typeof bulkPut>) => {
      calls++;
      if (calls === 3) return Promise.reject(new DOMException('quota', 'QuotaExceededError'));
      return bulkPut(...args);
    }) as typeof bulkPut;
    const inputs = Array.from({ length: 1200 }, (_, i) => ({ title: `Entry ${i}` }));
    await expect(store.addRecords(inputs)).rejects.toMatchObject({ name: 'VaultError', code: 'storage-full' });
    expect(calls).toBe(3);
    expect(await db.records.count()).toBe(1);
    expect(store.records().map((view) => view.id)).toEqual([kept]);
    // Room again: the same import adds every entry.
    calls = -100;
    const ids = await store.addRecords(inputs);
    expect(ids).toHaveLength(1200);
    expect(await db.records.count()).toBe(1201);
    expect(store.records()).toHaveLength(1201);
  });

  it('sets aside an item that does not open, with its reason, and opens the rest', async () => {
    const { db, meta, vaultKey, unlock } = await vault();
    const first = await unlock();
    const good = await first.create({ title: 'Good' });
    first.close();
    const clock = new HybridClock(meta.deviceId);
    const other = createRecord({ title: 'Elsewhere' }, clock);
    const moved = randomId();
    // A record sealed for its own id, stored under another: it authenticates (right key, AAD of
    // the row's id) only if sealed for that id, so seal it so, with the wrong id inside.
    await db.records.put({
      id: moved,
      envelope: sealItem(vaultKey, meta.vaultId, moved, encodeRecord(other)),
      seq: 4,
      dirty: 0,
    });
    const tampered = randomId();
    const envelope = sealItem(vaultKey, meta.vaultId, tampered, encodeRecord({ ...other, id: tampered }));
    envelope[envelope.length - 1]! ^= 1;
    await db.records.put({ id: tampered, envelope, seq: 5, dirty: 1 });

    const store = await unlock();
    expect(store.records().map((view) => view.id)).toEqual([good]);
    expect(store.newlyQuarantined()).toBe(2);
    const aside = new Map(store.quarantined().map((item) => [item.id, item.reason]));
    expect(aside).toEqual(
      new Map([
        [moved, 'record-id-mismatch'],
        [tampered, 'corrupt-item'],
      ]),
    );
    // Kept whole, with its sync bookkeeping: nothing is lost.
    const kept = await db.quarantine.where('id').equals(tampered).first();
    expect(kept).toMatchObject({ envelope, seq: 5, dirty: 1 });
    expect(await db.records.get(tampered)).toBeUndefined();
    // Retrying one that still does not open leaves it aside.
    expect(await store.retryQuarantined(kept!.key!)).toBe(false);
    expect(store.quarantined()).toHaveLength(2);
  });

  it('refresh shows rows another writer changed or removed', async () => {
    const { db, meta, vaultKey, unlock } = await vault();
    const store = await unlock();
    const kept = await store.create({ title: 'Kept' });
    const gone = await store.create({ title: 'Gone' });
    // Another tab or the sync engine writes the rows directly.
    const clock = new HybridClock(randomId());
    const added = createRecord({ title: 'From the other tab' }, clock);
    await db.records.put({
      id: added.id,
      envelope: sealItem(vaultKey, meta.vaultId, added.id, encodeRecord(added)),
      seq: 0,
      dirty: 1,
    });
    await db.records.delete(gone);
    await store.refresh([added.id, gone]);
    expect(
      store
        .records()
        .map((view) => view.title)
        .sort(),
    ).toEqual(['From the other tab', 'Kept']);
    expect(store.view(gone)).toBeUndefined();
    expect(store.view(kept)?.title).toBe('Kept');
  });

  it('a lock in the middle of work: queued edits refuse with vault-locked and write nothing', async () => {
    const { db, unlock } = await vault();
    const store = await unlock();
    const id = await store.create({ title: 'Before' });
    const before = await db.records.get(id);
    const edits = [
      store.update(id, { title: 'After' }),
      store.exclusive(async (tools) => tools.sealRecord({} as never)),
    ];
    store.close();
    const results = await Promise.allSettled(edits);
    for (const result of results)
      expect(result).toMatchObject({ status: 'rejected', reason: { name: 'VaultError', code: 'vault-locked' } });
    expect(await db.records.get(id)).toEqual(before);
    expect(store.records()).toEqual([]);
    await expect(store.create({ title: 'Later' })).rejects.toMatchObject({ code: 'vault-locked' });
  });

  it('a second tab of the same vault shows what the first one wrote', async () => {
    const { db, meta, vaultKey, unlock } = await vault();
    const first = await unlock();
    const second = await openVaultStore(db, meta, vaultKey.slice());
    const id = await first.create({ title: 'Written in tab one' });
    await expect.poll(() => second.view(id)?.title).toBe('Written in tab one');
    await first.update(id, { title: 'Renamed in tab one' });
    await expect.poll(() => second.view(id)?.title).toBe('Renamed in tab one');
    second.close();
  });

  it('a tab that read the rows while its key was derived still shows what another tab wrote meanwhile', async () => {
    const { db, meta, vaultKey, unlock } = await vault();
    const first = await unlock();
    // An unlock reads the rows while Argon2id runs; the other tab writes after that read.
    const prepared = prepareVaultStore(db, meta);
    const id = await first.create({ title: 'Written while the other tab unlocked' });
    const second = await prepared.open(vaultKey.slice());
    open.push({ db, store: second });
    await expect.poll(() => second.view(id)?.title).toBe('Written while the other tab unlocked');
  });

  it('rows read long before the key (the unlock screen) open as they are now', async () => {
    const { db, meta, vaultKey, unlock } = await vault();
    const first = await unlock();
    const id = await first.create({ title: 'Before' });
    // An item that does not open: the first tab to unlock sets it aside.
    const broken = randomId();
    const envelope = sealItem(
      vaultKey,
      meta.vaultId,
      broken,
      encodeRecord(createRecord({ title: 'x' }, new HybridClock(meta.deviceId), broken)),
    );
    envelope[envelope.length - 1]! ^= 1;
    await db.records.put({ id: broken, envelope, seq: 0, dirty: 1 });
    first.close();

    // The second tab's unlock screen reads the rows; then the first tab unlocks, sets the broken
    // item aside (which no tab is told of) and renames the other.
    const prepared = prepareVaultStore(db, (await db.meta.get('vault'))!);
    await prepared.read;
    const again = await unlock();
    expect(again.newlyQuarantined()).toBe(1);
    await again.update(id, { title: 'After' });

    // The second tab unlocks with the row of the vault as it is now (its clock moved).
    const second = await prepared.open(vaultKey.slice(), (await db.meta.get('vault'))!);
    open.push({ db, store: second });
    await expect.poll(() => second.view(id)?.title).toBe('After');
    // Set aside once, by the tab that found it, not a second time from the old read.
    expect(second.newlyQuarantined()).toBe(0);
    expect(await db.quarantine.where('id').equals(broken).count()).toBe(1);
  });

  it('a cancelled preparation (a wrong password) cannot open', async () => {
    const { db, meta, vaultKey } = await vault();
    const prepared = prepareVaultStore(db, meta);
    prepared.cancel();
    await expect(prepared.open(vaultKey.slice())).rejects.toMatchObject({ code: 'vault-locked' });
  });
});
