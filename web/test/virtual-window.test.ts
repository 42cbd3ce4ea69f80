import { describe, expect, it } from 'vitest';
import { columnsFor, gridWindow, virtualWindow } from '../src/lib/virtual-window.ts';

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

describe('gridWindow and columnsFor', () => {
  it('fits as many cards as their minimum width allows, at least one', () => {
    expect(columnsFor(1240, 320, 8)).toBe(3);
    expect(columnsFor(1000, 320, 8)).toBe(3);
    expect(columnsFor(990, 320, 8)).toBe(3);
    expect(columnsFor(970, 320, 8)).toBe(2);
    expect(columnsFor(374, 320, 8)).toBe(1);
    expect(columnsFor(100, 320, 8)).toBe(1);
    expect(columnsFor(0, 320, 8)).toBe(1);
  });
  it('renders whole lines of cards', () => {
    expect(gridWindow(10, 3, 76, 0, 760)).toEqual({ start: 0, end: 10, offset: 0, total: 4 * 76 });
    const middle = gridWindow(3000, 3, 76, 7600, 760, 6);
    expect(middle.start).toBe(94 * 3);
    expect(middle.end).toBe(117 * 3);
    expect(middle.offset).toBe(94 * 76);
    expect(gridWindow(1000, 1, 76, 7600, 760)).toEqual(virtualWindow(1000, 76, 7600, 760));
  });
});
