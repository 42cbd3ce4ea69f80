import { describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/otp/base32.ts';
import { chooseEntry, planCounts, planImport, recordInputs } from '../../src/transfer/plan.ts';
import type { ImportResult } from '../../src/transfer/types.ts';
import { createRecord } from '../../src/vault/edit.ts';
import { SAMPLE_OTPS } from './helpers.ts';
import { clock, sampleVault } from './records.ts';

const [EXAMPLE, ACME, HOTP] = SAMPLE_OTPS as [
  (typeof SAMPLE_OTPS)[0],
  (typeof SAMPLE_OTPS)[0],
  (typeof SAMPLE_OTPS)[0],
];
const login = { title: 'Router', url: 'http://192.168.1.1', username: 'admin', password: 'correct horse', notes: '' };

function result(entries: ImportResult['entries']): ImportResult {
  return {
    format: 'otpauth-list',
    entries,
    problems: [{ index: 9, label: 'x', code: 'base32-invalid', reason: 'bad', imported: false }],
  };
}

describe('planImport', () => {
  it('marks entries already in the vault as duplicates and leaves them out by default', () => {
    const plan = planImport(
      result([{ otp: EXAMPLE }, { otp: { ...EXAMPLE, issuer: 'Other' } }, { otp: null, login }]),
      sampleVault(),
    );
    expect(plan.entries.map((e) => [e.label, e.duplicateOf?.kind ?? null, e.add])).toEqual([
      ['Example: alice@example.com', 'record', false],
      ['Other: alice@example.com', null, true],
      ['Router', 'record', false],
    ]);
    expect(plan.entries[0]!.duplicateOf).toMatchObject({ kind: 'record', label: 'Example: alice@example.com' });
    expect(planCounts(plan)).toEqual({ add: 1, duplicates: 2, problems: 1 });
  });

  it('compares secrets as bytes and labels without regard to case, spacing or Unicode form', () => {
    const spelled = {
      ...EXAMPLE,
      secret: base32Decode('jbsw y3dp-ehpk 3pxp'),
      issuer: '  EXAMPLE ',
      account: 'Alice@Example.com',
    };
    const composed = { ...SAMPLE_OTPS[4]!, issuer: 'U\u0308ni\u0308cødé bank' };
    const plan = planImport(
      result([{ otp: spelled }, { otp: composed }, { otp: { ...EXAMPLE, secret: Uint8Array.of(1, 2, 3) } }]),
      sampleVault(),
    );
    expect(plan.entries.map((e) => e.duplicateOf?.kind ?? null)).toEqual(['record', 'record', null]);
  });

  it('flags the second of two equal entries in one file, and ignores records in "recently deleted"', () => {
    const gone = { ...EXAMPLE, issuer: 'Gone', account: 'old' };
    const vault = sampleVault().slice(2);
    const plan = planImport(result([{ otp: ACME }, { otp: HOTP }, { otp: ACME }, { otp: gone }]), vault);
    expect(plan.entries.map((e) => e.duplicateOf)).toEqual([
      null,
      { kind: 'record', id: vault[0]!.id, label: 'Hotp Inc: carol' },
      { kind: 'entry', index: 0 },
      null,
    ]);
  });

  it('hands the chosen entries to createRecord in file order', () => {
    const fresh = { ...ACME, issuer: 'Fresh' };
    const plan = planImport(
      result([{ otp: EXAMPLE, login: { ...login, title: 'Example' } }, { otp: fresh }, { otp: null, login }]),
      sampleVault(),
    );
    expect(recordInputs(plan)).toEqual([{ otp: fresh }]);
    const chosen = chooseEntry(chooseEntry(plan, 0, true), 1, false);
    expect(planCounts(chosen).add).toBe(1);
    const inputs = recordInputs(chosen);
    expect(inputs).toEqual([{ ...login, title: 'Example', otp: EXAMPLE }]);
    // What the plan adds is what createRecord accepts.
    expect(createRecord(inputs[0]!, clock()).title.value).toBe('Example');
  });
});
