import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importAegis } from '../../src/transfer/aegis.ts';
import { AEGIS_EXPORT_SCRYPT, exportAegis } from '../../src/transfer/aegis-export.ts';
import { otpArb } from './arbitraries.ts';
import { AEGIS_PASSWORD, expectTransferError } from './helpers.ts';
import { clock, makeRecords, sampleVault } from './records.ts';
import { recordView } from '../../src/vault/edit.ts';
import type { VaultRecord } from '../../src/vault/record.ts';

// Tessera's Aegis export read back by Tessera's own Aegis importer: every field Aegis has a
// place for comes back (issuer, account, secret, algorithm, digits, period, counter, type with
// Steam, tags as groups, notes, favourite).

/** What an Aegis entry can carry of a record, as the importer gives it back. */
function carried(records: readonly VaultRecord[]) {
  return records
    .map(recordView)
    .filter((view) => !view.deleted && view.otp !== null)
    .map((view) => ({ otp: view.otp, notes: view.notes.trim(), tags: view.tags, favourite: view.favourite }));
}

async function readBack(json: string, password?: string) {
  const result = await importAegis(json, password === undefined ? {} : { password });
  expect(result.problems).toEqual([]);
  return result.entries.map((entry) => ({
    otp: entry.otp,
    notes: entry.login?.notes ?? '',
    tags: entry.login?.tags ?? [],
    favourite: entry.login?.favourite ?? false,
  }));
}

describe('Aegis export', () => {
  it('writes a plain vault that the Aegis importer reads back with nothing lost', async () => {
    const vault = sampleVault();
    const { json, skipped } = await exportAegis(vault);
    const file = JSON.parse(json);
    expect(file.header).toEqual({ slots: null, params: null });
    expect(file.db.version).toBe(3);
    expect(file.db.groups.map((g: { name: string }) => g.name)).toEqual(['Work', 'Mail']);
    expect(file.db.entries[3]).toMatchObject({
      type: 'steam',
      issuer: 'Steam',
      name: 'dave',
      info: { algo: 'SHA1', digits: 5, period: 30 },
    });
    expect(file.db.entries[2].info).toEqual({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      algo: 'SHA1',
      digits: 6,
      counter: 7,
    });
    expect(await readBack(json)).toEqual(carried(vault));
    // The login without an OTP is left out, the fields Aegis cannot hold are named.
    expect(skipped.map((s) => `${s.index}:${s.code}${s.imported ? ' (imported)' : ''}`)).toEqual([
      '0:aegis-fields-left-out (imported)',
      '1:aegis-fields-left-out (imported)',
      '5:no-otp',
    ]);
    expect(skipped[0]!.reason).toBe('Exported without its URL, username, password: Aegis has no place for them'); // its title is its issuer
  });

  it('seals with a scrypt password slot as Aegis does, and reads back under the password only', async () => {
    const vault = sampleVault();
    const { json } = await exportAegis(vault, { password: AEGIS_PASSWORD });
    const file = JSON.parse(json);
    expect(typeof file.db).toBe('string');
    expect(file.header.slots).toHaveLength(1);
    expect(file.header.slots[0]).toMatchObject({ type: 1, n: AEGIS_EXPORT_SCRYPT.N, r: 8, p: 1 });
    expect(file.header.slots[0].salt).toMatch(/^[0-9a-f]{64}$/);
    expect(json).not.toContain('GEZDGNBVGY3TQOJQ');
    expect(await readBack(json, AEGIS_PASSWORD)).toEqual(carried(vault));
    await expectTransferError('wrong-password', () => importAegis(json, { password: 'nope' }));
    await expectTransferError('password-required', () => importAegis(json));
    await expectTransferError('export-unsupported', () => exportAegis(vault, { password: '' }));
  }, 60_000);

  it('round-trips arbitrary OTPs, notes, tags and favourites', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            otp: otpArb,
            notes: fc.string({ maxLength: 40 }),
            tags: fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,10}[A-Za-z]$/), { maxLength: 3 }),
            favourite: fc.boolean(),
          }),
          { maxLength: 6 },
        ),
        async (inputs) => {
          const records = makeRecords(inputs, clock());
          const { json } = await exportAegis(records);
          expect(await readBack(json)).toEqual(carried(records));
        },
      ),
      { numRuns: 40 },
    );
  });
});
