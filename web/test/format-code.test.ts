import { describe, expect, it } from 'vitest';
import { groupCode, spokenCode } from '../src/lib/format-code.ts';

describe('groupCode', () => {
  it('groups 6 digits as 3+3, 7 as 3+3+1... and 8 as 4+4', () => {
    expect(groupCode('123456')).toBe('123 456');
    expect(groupCode('12345678')).toBe('1234 5678');
    expect(groupCode('1234567')).toBe('123 456 7');
  });
  it('leaves Steam codes and short codes as they are', () => {
    expect(groupCode('WVF8J')).toBe('WVF8J');
    expect(groupCode('12345')).toBe('12345');
  });
  it('spells digits one by one for screen readers', () => {
    expect(spokenCode('123456')).toBe('1 2 3 4 5 6');
  });
});
