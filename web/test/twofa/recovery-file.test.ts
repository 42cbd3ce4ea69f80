import { describe, expect, it } from 'vitest';
import { recoveryCodesFileName, recoveryCodesText } from '../../src/screens/twofa/recovery-file.ts';

const CODES = [
  '7kq2m-x9df0',
  'a1b2c-d3e4f',
  'ghjkm-npqrs',
  'tvwxy-z0123',
  '45678-9abcd',
  'efghj-kmnpq',
  'rstvw-xyz01',
  '23456-789ab',
  'cdefg-hjkmn',
  'pqrst-vwxyz',
];
const MADE = new Date(Date.UTC(2026, 10, 22, 23, 41));

describe('recovery codes file', () => {
  it('lists every code once, numbered, under the account and the date', () => {
    const text = recoveryCodesText(CODES, 'ann@example.org', MADE);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Tessera recovery codes for ann@example.org');
    expect(lines[1]).toContain('2026-11-22');
    for (const [at, code] of CODES.entries()) {
      expect(lines.filter((line) => line.includes(code))).toEqual([`${String(at + 1).padStart(2, ' ')}. ${code}`]);
    }
    expect(text.endsWith('\n')).toBe(true);
  });

  it('names the file after the day the codes were made', () => {
    expect(recoveryCodesFileName(MADE)).toBe('tessera-recovery-codes-2026-11-22.txt');
  });
});
