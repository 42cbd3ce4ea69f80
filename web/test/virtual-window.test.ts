import { describe, expect, it } from 'vitest';
import { virtualWindow } from '../src/lib/virtual-window.ts';

describe('virtualWindow', () => {
  it('renders the rows in view plus the overscan', () => {
    expect(virtualWindow(1000, 76, 0, 760, 6)).toEqual({ start: 0, end: 17, offset: 0, total: 76_000 });
    const middle = virtualWindow(1000, 76, 7600, 760, 6);
    expect(middle.start).toBe(94);
    expect(middle.end).toBe(117);
    expect(middle.offset).toBe(94 * 76);
  });
  it('stays inside the list at the ends and for short lists', () => {
    expect(virtualWindow(1000, 76, 1e9, 760).end).toBe(1000);
    expect(virtualWindow(3, 76, 0, 760)).toEqual({ start: 0, end: 3, offset: 0, total: 228 });
    expect(virtualWindow(0, 76, 0, 760)).toEqual({ start: 0, end: 0, offset: 0, total: 0 });
    expect(virtualWindow(10, 76, -50, 0).start).toBe(0);
  });
});
