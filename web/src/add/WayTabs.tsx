import { For } from 'solid-js';
import { WAYS, type Way } from './ways.ts';

// The chooser of the five ways: a WAI-ARIA tab list (APG "Tabs with automatic activation").
// Only the selected tab is in the tab order; arrow keys, Home and End move between tabs.
const ICONS: Record<Way, string> = {
  camera: 'M4 8h3l2-3h6l2 3h3v11H4zM12 10a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15.5 8.5h.01',
  screen: 'M3 5h18v11H3zM8 20h8M12 16v4',
  key: 'M14.5 4a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11zM10.6 13.4L4 20M6.5 17.5l2 2M8.5 15.5l1.5 1.5',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
};

export function WayTabs(props: {
  ways: Way[];
  selected: Way;
  panelId: string;
  tabId: (way: Way) => string;
  onSelect: (way: Way) => void;
}) {
  const tabs = () => WAYS.filter((w) => props.ways.includes(w.way));
  const move = (event: KeyboardEvent, index: number) => {
    const list = tabs();
    const to =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? (index + 1) % list.length
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? (index - 1 + list.length) % list.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? list.length - 1
              : -1;
    if (to < 0) return;
    event.preventDefault();
    const way = list[to]!.way;
    props.onSelect(way);
    document.getElementById(props.tabId(way))?.focus();
  };
  return (
    <div class="add-ways" role="tablist" aria-label="How to add the code">
      <For each={tabs()}>
        {(w, i) => (
          <button
            type="button"
            role="tab"
            id={props.tabId(w.way)}
            class="add-way"
            aria-selected={props.selected === w.way}
            aria-controls={props.panelId}
            tabindex={props.selected === w.way ? 0 : -1}
            title={w.hint}
            onClick={() => props.onSelect(w.way)}
            onKeyDown={(e) => move(e, i())}
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path d={ICONS[w.way]} />
            </svg>
            <span>{w.label}</span>
          </button>
        )}
      </For>
    </div>
  );
}
