import { describe, expect, it } from 'vitest';
import { isTesseraError, TesseraError } from '../src/errors.ts';

describe('TesseraError', () => {
  it('carries a stable code that callers can branch on', () => {
    const e = new TesseraError('wrong-password', 'Wrong password');
    expect(isTesseraError(e)).toBe(true);
    expect(isTesseraError(e, 'wrong-password')).toBe(true);
    expect(isTesseraError(e, 'corrupt-item')).toBe(false);
    expect(isTesseraError(new Error('x'))).toBe(false);
  });
});
