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
