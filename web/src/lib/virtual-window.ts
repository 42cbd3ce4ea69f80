// Which rows of a fixed-row-height list are on screen (plus a margin so fast scrolling does not
// show blank space). Only those rows exist in the DOM: 1,000 records cost as much as twenty.
export interface VirtualWindow {
  start: number;
  end: number;
  offset: number;
  total: number;
}

export function virtualWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
  overscan = 6,
): VirtualWindow {
  const first = Math.floor(Math.max(scrollTop, 0) / rowHeight);
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first - overscan, count));
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start, end), offset: start * rowHeight, total: count * rowHeight };
}

/**
 * How many cards fit side by side in `width` (px) when none may be narrower than `minWidth`,
 * with `gap` between them; at least one.
 */
export function columnsFor(width: number, minWidth: number, gap: number): number {
  if (!(width > 0) || !(minWidth > 0)) return 1;
  return Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
}

/**
 * The same window over a grid of `columns` items per line: whole lines are rendered, so
 * `start` is always the first item of a line.
 */
export function gridWindow(
  count: number,
  columns: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
  overscan = 6,
): VirtualWindow {
  const perLine = Math.max(1, Math.floor(columns));
  const lines = virtualWindow(Math.ceil(count / perLine), rowHeight, scrollTop, viewportHeight, overscan);
  return {
    start: lines.start * perLine,
    end: Math.min(count, lines.end * perLine),
    offset: lines.offset,
    total: lines.total,
  };
}
