import {
  batch,
  createEffect,
  createMemo,
  createSignal,
  Index,
  on,
  onCleanup,
  onMount,
  type Accessor,
  type JSX,
} from 'solid-js';
import { columnsFor, gridWindow } from '../lib/virtual-window.ts';

// A list that renders only the rows in view (fixed row height), so a vault of 1,000 records
// scrolls as smoothly as one of ten and only visible codes tick. Arrow keys, Home and End move
// between rows even when the target row is not rendered yet. Given `minColumnWidth`, a wide
// list lays its rows out as a grid of cards, as many per line as fit; the arrows then move
// across (left, right) and down the lines (up, down).
const GAP = 8;

let lastSize: { height: number; width: number } | null = null;

export function VirtualList<T>(props: {
  items: readonly T[];
  rowHeight: number;
  label: string;
  minColumnWidth?: number;
  /** An item to keep in view (the open record), without taking the focus. */
  reveal?: number | null;
  /** Up from the first line: the control above the list (the search field) takes the focus. */
  onLeaveTop?: () => void;
  children: (item: Accessor<T>, index: () => number) => JSX.Element;
}) {
  let viewport!: HTMLDivElement;
  let rows!: HTMLUListElement;
  const [scrollTop, setScrollTop] = createSignal(0);
  // The size is learnt from the observer, which reports it after the first layout and before the
  // first paint; reading it at mount instead would lay the page out an extra time just to learn
  // it (measured at unlock, where it cost ~10 ms). A list made again (the search cleared, the
  // vault unlocked again) starts from the size the last one had and makes its rows at once; the
  // first list of a page makes none until it knows its size, so nothing blank is ever painted
  // and no row is made for a wrong number of columns.
  const [height, setHeight] = createSignal(lastSize?.height ?? 0);
  const [width, setWidth] = createSignal(lastSize?.width ?? 0);
  const [measured, setMeasured] = createSignal(lastSize !== null);

  onMount(() => {
    const observer = new ResizeObserver(() =>
      batch(() => {
        lastSize = { height: viewport.clientHeight, width: rows.clientWidth };
        setHeight(lastSize.height);
        setWidth(lastSize.width);
        setMeasured(true);
      }),
    );
    observer.observe(viewport);
    onCleanup(() => observer.disconnect());
  });

  const columns = createMemo(() =>
    props.minColumnWidth === undefined ? 1 : columnsFor(width(), props.minColumnWidth, GAP),
  );
  const range = createMemo(() => gridWindow(props.items.length, columns(), props.rowHeight, scrollTop(), height()));
  const visible = createMemo(() => (measured() ? props.items.slice(range().start, range().end) : []));

  /** Scrolls so the line holding `index` is in view. */
  const bringIntoView = (index: number) => {
    const top = Math.floor(index / columns()) * props.rowHeight;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + props.rowHeight > viewport.scrollTop + viewport.clientHeight)
      viewport.scrollTop = top + props.rowHeight - viewport.clientHeight;
    setScrollTop(viewport.scrollTop);
  };

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(index, props.items.length - 1));
    bringIntoView(target);
    queueMicrotask(() => viewport.querySelector<HTMLElement>(`[data-row-index="${target}"] [data-row-focus]`)?.focus());
  };

  // The open record stays in view when the list changes shape (a grid becomes one column when a
  // record opens beside it) or the record is opened from elsewhere.
  createEffect(
    on([() => props.reveal, columns], ([index]) => {
      if (index === undefined || index === null || index < 0) return;
      // After the frame is laid out: a list just mounted (back from Add on a phone) has no
      // height to scroll in before that.
      const frame = requestAnimationFrame(() => bringIntoView(index));
      onCleanup(() => cancelAnimationFrame(frame));
    }),
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
    if (!row) return;
    const index = Number(row.dataset.rowIndex);
    const across = columns();
    const page = across * Math.max(1, Math.floor(viewport.clientHeight / props.rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + across,
      ArrowUp: index - across,
      Home: 0,
      End: props.items.length - 1,
      PageDown: index + page,
      PageUp: index - page,
    };
    if (across > 1) {
      moves.ArrowRight = index + 1;
      moves.ArrowLeft = index - 1;
    }
    const to = moves[event.key];
    if (to === undefined || (event.target as HTMLElement).tagName === 'INPUT') return;
    event.preventDefault();
    if (event.key === 'ArrowUp' && to < 0 && props.onLeaveTop) return props.onLeaveTop();
    focusRow(to);
  };

  return (
    <div
      class="virtual-viewport"
      ref={viewport}
      data-columns={columns()}
      onScroll={() => setScrollTop(viewport.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div class="virtual-space" style={{ height: `${range().total}px` }}>
        <ul
          class="virtual-rows"
          ref={rows}
          aria-label={props.label}
          style={{
            transform: `translateY(${range().offset}px)`,
            'grid-template-columns': `repeat(${columns()}, minmax(0, 1fr))`,
            'grid-auto-rows': `${props.rowHeight}px`,
          }}
        >
          {/* Index, not For: a row's DOM stays put and only its data changes, so scrolling reuses
              rows and an edited record (a new object) does not take the focus from its row. */}
          <Index each={visible()}>
            {(item, i) => {
              const index = () => range().start + i;
              return (
                <li
                  class="virtual-row"
                  data-row-index={index()}
                  aria-setsize={props.items.length}
                  aria-posinset={index() + 1}
                >
                  {props.children(item, index)}
                </li>
              );
            }}
          </Index>
        </ul>
      </div>
    </div>
  );
}
