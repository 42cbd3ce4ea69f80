import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../src/lib/route.ts';

describe('#/twofa', () => {
  it('round-trips', () => {
    expect(parseRoute('#/twofa')).toEqual({ name: 'twofa' });
    expect(formatRoute({ name: 'twofa' })).toBe('#/twofa');
  });
});
