import { base32Decode } from '@tessera/core/otp/base32';
import { describe, expect, it } from 'vitest';
import { AddError } from '../../src/add/errors.ts';
import { groupSetupKey, normaliseSetupKey } from '../../src/add/setup-key.ts';

function problem(text: string): AddError {
  try {
    normaliseSetupKey(text);
  } catch (error) {
    if (error instanceof AddError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe('normaliseSetupKey', () => {
  // RFC 4648 §10 test vectors, typed the way people copy keys from web pages.
  const vectors: Array<[string, string]> = [
    ['my======', 'f'],
    ['MZXQ====', 'fo'],
    ['mzxw 6===', 'foo'],
    ['MZXW-6YQ=', 'foob'],
    ['mzxw 6ytb', 'fooba'],
    ['MZXW6YTBOI======', 'foobar'],
  ];
  it.each(vectors)('reads %j as the bytes of %j', (typed, plain) => {
    const key = normaliseSetupKey(typed);
    expect(key).toMatch(/^[A-Z2-7]+$/);
    expect(new TextDecoder().decode(base32Decode(key))).toBe(plain);
  });

  it('forgives case, spaces, dashes, tabs, no-break and zero-width spaces and Unicode dashes', () => {
    expect(normaliseSetupKey(' jbsw y3dp\tehpk-3pxp\u00a0jbsw\u200by3dp–ehpk—3pxp\n')).toBe(
      'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    );
  });

  it('names the first bad character with its position in what was typed, and a look-alike', () => {
    const e = problem('JBSW Y3D0 EHPK');
    expect(e.code).toBe('key-character');
    expect(e.message).toContain('Character 9');
    expect(e.message).toContain('“0”');
    expect(e.message).toContain('the letter O');
    expect(problem('abc1').message).toContain('the letter I or L');
    expect(problem('ABC8').message).toContain('the letter B');
  });

  it('names characters that are not letters or digits, control characters by code point', () => {
    expect(problem('ABCD!EFG').message).toContain('Character 5 of the key: “!” is not used');
    expect(problem('ABCDÉFGH').message).toContain('“É”');
    expect(problem('AB\u0007CD').message).toContain('U+0007');
  });

  it('refuses padding in the middle', () => {
    const e = problem('MY==MZXQ');
    expect(e.code).toBe('key-character');
    expect(e.message).toContain('Character 5');
    expect(e.message).toContain('“=” may only come at the end');
  });

  it('refuses an empty key and a key whose length cannot end a base32 text', () => {
    expect(problem('  - ').code).toBe('key-empty');
    // RFC 4648 §6: 1, 3 or 6 characters left over cannot encode whole bytes.
    for (const length of [1, 3, 6, 9, 11, 14]) {
      const e = problem('A'.repeat(length));
      expect(e.code).toBe('key-length');
      expect(e.message).toContain(`${length} characters`);
    }
    for (const length of [2, 4, 5, 7, 8, 16, 32]) expect(normaliseSetupKey('A'.repeat(length))).toHaveLength(length);
  });
});

describe('groupSetupKey', () => {
  it('groups in fours as sites print keys', () => {
    expect(groupSetupKey('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSetupKey('JBSWY3')).toBe('JBSW Y3');
    expect(groupSetupKey('JBSW')).toBe('JBSW');
  });
});
