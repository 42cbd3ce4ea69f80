import { IMPORT_FORMATS } from '@tessera/core/transfer/types';
import { describe, expect, it } from 'vitest';
import { backupFileName, formatName, otpauthFileName, plural } from '../../src/screens/transfer/names.ts';

describe('names', () => {
  it('date files by the local day', () => {
    // Local midnight and the minute before: the date the user sees on their clock.
    expect(backupFileName(new Date(2026, 10, 22, 0, 0))).toBe('tessera-backup-2026-11-22.tessera');
    expect(backupFileName(new Date(2026, 0, 5, 23, 59))).toBe('tessera-backup-2026-01-05.tessera');
    expect(otpauthFileName(new Date(2027, 11, 31, 12))).toBe('tessera-otpauth-2027-12-31.txt');
  });

  it('name every format core reads, each differently', () => {
    const names = IMPORT_FORMATS.map(formatName);
    expect(names.every((name) => name.length > 0)).toBe(true);
    expect(new Set(names).size).toBe(IMPORT_FORMATS.length);
  });

  it('count in words', () => {
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(0, 'entry', 'entries')).toBe('0 entries');
    expect(plural(12, 'QR code')).toBe('12 QR codes');
  });
});
