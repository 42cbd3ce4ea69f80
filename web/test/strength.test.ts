import { describe, expect, it } from 'vitest';
import { estimateStrength } from '../src/lib/strength.ts';

describe('estimateStrength', () => {
  it('calls empty, common and patterned passwords very weak or weak', () => {
    for (const password of ['', 'password', 'password1', 'qwertyuiop', '12345678', 'aaaaaaaaaaaa', 'abcdefgh', 'iloveyou2024']) {
      expect(estimateStrength(password).level, password).toBeLessThanOrEqual(1);
    }
  });
  it('rates long random or multi-word passwords strong', () => {
    expect(estimateStrength('violet tractor 42 meadow lantern').level).toBeGreaterThanOrEqual(3);
    expect(estimateStrength('V~!PxR4;R3fQL-xdUDqt').level).toBe(4);
  });
  it('grows with length', () => {
    expect(estimateStrength('Tr7#kq').bits).toBeLessThan(estimateStrength('Tr7#kqZ9!mW2').bits);
  });
  it('explains what to do', () => {
    expect(estimateStrength('password123').hint).toMatch(/common word|sequence|date/);
  });
});
