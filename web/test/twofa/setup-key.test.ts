import { describe, expect, it } from 'vitest';
import { base32Encode } from '@tessera/core/otp/base32';
import { formatSetupKey, setupKeyGroups } from '../../src/screens/twofa/setup-key.ts';

describe('setup key groups', () => {
  it('shows the 32-character key of a 20-byte secret as 8 groups of 4 (the example of docs/api.md)', () => {
    expect(setupKeyGroups('BMYFK6U7YTUQ4M2YPWRMP3ARGZNYBJOK')).toEqual([
      'BMYF',
      'K6U7',
      'YTUQ',
      '4M2Y',
      'PWRM',
      'P3AR',
      'GZNY',
      'BJOK',
    ]);
    expect(formatSetupKey('BMYFK6U7YTUQ4M2YPWRMP3ARGZNYBJOK')).toBe('BMYF K6U7 YTUQ 4M2Y PWRM P3AR GZNY BJOK');
  });

  it('joins back to exactly the key, for any length', () => {
    for (let length = 1; length <= 40; length++) {
      const key = base32Encode(new Uint8Array(length).map((_, i) => (i * 37 + length) & 255));
      const groups = setupKeyGroups(key);
      expect(groups.join('')).toBe(key);
      expect(groups.slice(0, -1).every((group) => group.length === 4)).toBe(true);
      expect(groups.at(-1)!.length).toBeGreaterThanOrEqual(1);
      expect(groups.at(-1)!.length).toBeLessThanOrEqual(4);
    }
  });

  it('drops padding and spaces and reads lower case as upper case', () => {
    expect(setupKeyGroups('jbsw y3dp ehpk 3pxp====')).toEqual(['JBSW', 'Y3DP', 'EHPK', '3PXP']);
    expect(setupKeyGroups('')).toEqual([]);
  });
});
