import { describe, expect, it } from 'vitest';
import { generatePassword, GENERATOR_DEFAULTS } from '../src/lib/password-generator.ts';

describe('generatePassword', () => {
  it('has the requested length and one character of each chosen set', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword({ ...GENERATOR_DEFAULTS, length: 12 });
      expect(password).toHaveLength(12);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[2-9]/);
      expect(password).toMatch(/[^A-Za-z0-9]/);
    }
  });
  it('uses only the chosen sets and no look-alikes', () => {
    const password = generatePassword({ length: 64, lower: false, upper: false, digits: true, symbols: false });
    expect(password).toMatch(/^[2-9]{64}$/);
    expect(generatePassword({ ...GENERATOR_DEFAULTS, length: 128 })).not.toMatch(/[lIO01]/);
  });
  it('clamps the length and refuses an empty choice', () => {
    expect(generatePassword({ ...GENERATOR_DEFAULTS, length: 2 })).toHaveLength(8);
    expect(generatePassword({ ...GENERATOR_DEFAULTS, length: 1000 })).toHaveLength(128);
    expect(() => generatePassword({ length: 20, lower: false, upper: false, digits: false, symbols: false })).toThrow(
      RangeError,
    );
  });
  it('draws without modulo bias: rejection of values past the last whole multiple', () => {
    // A source that first returns 0xffffffff (must be rejected for a set of 8) and then 9.
    const words = [
      [0xff, 0xff, 0xff, 0xff],
      [0, 0, 0, 9],
    ];
    let call = 0;
    const random = (bytes: Uint8Array<ArrayBuffer>) => bytes.set(words[Math.min(call++, 1)]!);
    const password = generatePassword({ length: 8, lower: false, upper: false, digits: true, symbols: false }, random);
    expect(password[0]).toBe('3'); // 9 % 8 = 1 → '3' in "23456789"
  });
});
