import { createMemo, createSignal, Index, onCleanup, onMount, type Accessor, type JSX } from 'solid-js';
import { virtualWindow } from '../lib/virtual-window.ts';

// A list that renders only the rows in view (fixed row height), so a vault of 1,000 records
// scrolls as smoothly as one of ten and only visible codes tick. Arrow keys, Home and End move
// between rows even when the target row is not rendered yet.
export function VirtualList<T>(props: {
  items: readonly T[];
  rowHeight: number;
  label: string;
  children: (item: Accessor<T>, index: () => number) => JSX.Element;
}) {
  let viewport!: HTMLDivElement;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [height, setHeight] = createSignal(800);

  onMount(() => {
    const observer = new ResizeObserver(() => setHeight(viewport.clientHeight));
    observer.observe(viewport);
    setHeight(viewport.clientHeight);
    onCleanup(() => observer.disconnect());
  });

  const range = createMemo(() => virtualWindow(props.items.length, props.rowHeight, scrollTop(), height()));
  const visible = createMemo(() => props.items.slice(range().start, range().end));

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(index, props.items.length - 1));
    const top = target * props.rowHeight;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + props.rowHeight > viewport.scrollTop + viewport.clientHeight)
      viewport.scrollTop = top + props.rowHeight - viewport.clientHeight;
    setScrollTop(viewport.scrollTop);
    queueMicrotask(() => viewport.querySelector<HTMLElement>(`[data-row-index="${target}"] [data-row-focus]`)?.focus());
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
    if (!row) return;
    const index = Number(row.dataset.rowIndex);
    const page = Math.max(1, Math.floor(viewport.clientHeight / props.rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: props.items.length - 1,
      PageDown: index + page,
      PageUp: index - page,
    };
    const to = moves[event.key];
    if (to === undefined || (event.target as HTMLElement).tagName === 'INPUT') return;
    event.preventDefault();
    focusRow(to);
  };

  return (
    <div
      class="virtual-viewport"
      ref={viewport}
      onScroll={() => setScrollTop(viewport.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div class="virtual-space" style={{ height: `${range().total}px` }}>
        <ul class="virtual-rows" aria-label={props.label} style={{ transform: `translateY(${range().offset}px)` }}>
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
                  style={{ height: `${props.rowHeight}px` }}
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
