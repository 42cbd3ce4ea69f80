import { createEffect, createMemo, createSignal, For, onCleanup, onMount, Show, untrack } from 'solid-js';
import { useServices, useVault } from '../app/services.tsx';
import { clearMarked, marked } from '../app/marked.ts';
import { navigate, route } from '../app/router.ts';
import { clearSearchWanted, searchWanted } from '../app/shortcuts.ts';
import { BackupReminder } from '../components/BackupReminder.tsx';
import { CodeRow } from '../components/CodeRow.tsx';
import { Icon } from '../components/icons.tsx';
import { VirtualList } from '../components/VirtualList.tsx';
import {
  allTags,
  type HiddenMatches,
  hiddenMatches,
  listRecords,
  SORT_LABELS,
  type SortOrder,
} from '../lib/record-list.ts';
import { RecoveryOffer } from './recovery/RecoveryOffer.tsx';
import { UnsavedReminder } from './backup/UnsavedReminder.tsx';
import { DrillReminder } from './backup/DrillReminder.tsx';

const ROW_HEIGHT = 76;
// With nothing open on a wide screen the list fills the window as a grid of cards this wide at
// least (layout.css); a phone, or the list beside an open record, keeps one column.
const CARD_MIN_WIDTH = 340;

/**
 * Tag chips scroll sideways when they do not fit: the edge that hides more chips fades
 * (list.css), so the row visibly goes on. `data-more-start` / `data-more-end` say which.
 */
function markOverflow(el: HTMLElement): void {
  const end = el.scrollWidth - el.clientWidth - el.scrollLeft;
  el.toggleAttribute('data-more-start', el.scrollLeft > 1);
  el.toggleAttribute('data-more-end', end > 1);
}

function watchOverflow(el: HTMLElement): void {
  // A resize is reported after layout, when measuring costs nothing.
  const observer = new ResizeObserver(() => markOverflow(el));
  observer.observe(el);
  // New chips (a tag added) change the width without resizing the box. Measured in the next
  // frame, not at once: the chips arrive while the list is being built (at unlock, with every
  // row), and measuring then would lay the page out an extra time before its first paint.
  let frame = 0;
  const mutations = new MutationObserver(() => {
    if (frame === 0)
      frame = requestAnimationFrame(() => {
        frame = 0;
        markOverflow(el);
      });
  });
  mutations.observe(el, { childList: true, subtree: true, characterData: true });
  onCleanup(() => {
    observer.disconnect();
    mutations.disconnect();
    cancelAnimationFrame(frame);
  });
}

// The home screen: every record with an OTP (or every record), searchable, filterable by tag,
// favourites first. The order uses a snapshot of "last used" taken when the order is chosen,
// so copying a code does not make the list jump under the pointer.
export function Codes() {
  const { settings } = useServices();
  const vault = useVault();
  // A server copy set aside by sync leaves this device's copy in place: worded apart.
  const serverAside = createMemo(() => vault.quarantined().filter((item) => item.fromServer).length);
  const localAside = createMemo(() => vault.quarantined().length - serverAside());
  const [text, setText] = createSignal('');
  const [tag, setTag] = createSignal<string | null>(null);
  const usageSnapshot = createMemo(() => {
    void settings.settings.sort;
    return untrack(vault.lastUsed);
  });
  const tags = createMemo(() => allTags(vault.records()));
  const query = () => ({ text: text(), tag: tag(), kind: settings.settings.kind, sort: settings.settings.sort });
  const shown = createMemo(() => listRecords(vault.records(), query(), usageSnapshot()));
  // Search reaches every item: matches the view leaves out are counted and offered.
  const hidden = createMemo(() => hiddenMatches(vault.records(), query()));
  const total = createMemo(
    () => vault.records().filter((r) => !r.deleted && (settings.settings.kind === 'all' || r.otp)).length,
  );
  const logins = createMemo(() => vault.records().filter((r) => !r.deleted && !r.otp).length);
  const selectedId = () => {
    const r = route();
    return r.name === 'record' || r.name === 'edit' ? r.id : null;
  };
  // A record just added: shown even if the search or tag filter would hide it, scrolled into
  // view and highlighted for a moment (the highlight is CSS: styles/marked.css).
  const markedIndex = createMemo(() => {
    const ids = marked();
    return ids.length === 0 ? null : shown().findIndex((r) => ids.includes(r.id));
  });
  // The row kept in view: one just added, else the open record.
  const revealIndex = () => {
    const index = markedIndex();
    return index !== null && index >= 0 ? index : shown().findIndex((r) => r.id === selectedId());
  };
  createEffect(() => {
    const ids = marked();
    if (ids.length === 0) return;
    if (untrack(markedIndex) === -1 && (untrack(text) !== '' || untrack(tag) !== null)) {
      setText('');
      setTag(null);
    }
    const timer = setTimeout(clearMarked, 2500);
    onCleanup(() => clearTimeout(timer));
  });
  let search!: HTMLInputElement;
  // The manifest's "Search" shortcut lands here with the search field ready to type in.
  createEffect(() => {
    if (!searchWanted()) return;
    clearSearchWanted();
    search.focus();
  });

  onMount(() => {
    // User-timing mark for tests/perf: the frame after the list first rendered.
    requestAnimationFrame(() => setTimeout(() => performance.mark('tessera:codes-painted')));
    // "/" jumps to search, as on most sites with a search box.
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && !target.isContentEditable) {
        event.preventDefault();
        search.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  return (
    <section class="codes" aria-label="Codes">
      <div class="codes-tools">
        <div class="search">
          <Icon name="search" class="search-icon" />
          <input
            ref={search}
            type="search"
            placeholder="Search"
            aria-label="Search codes and logins"
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
            autocomplete="off"
            spellcheck={false}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setText('');
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                document.querySelector<HTMLElement>('.codes [data-row-focus]')?.focus();
              }
            }}
          />
        </div>
        <div class="codes-filters">
          <div class="segmented" role="group" aria-label="Show">
            <button
              type="button"
              aria-pressed={settings.settings.kind === 'codes'}
              onClick={() => void settings.set('kind', 'codes')}
            >
              Codes
            </button>
            <button
              type="button"
              aria-pressed={settings.settings.kind === 'all'}
              onClick={() => void settings.set('kind', 'all')}
            >
              All items
            </button>
          </div>
          <label class="sort">
            <Icon name="sort" />
            <span class="visually-hidden">Sort by</span>
            <select
              value={settings.settings.sort}
              onChange={(e) => void settings.set('sort', e.currentTarget.value as SortOrder)}
            >
              <For each={Object.entries(SORT_LABELS)}>{([value, label]) => <option value={value}>{label}</option>}</For>
            </select>
          </label>
        </div>
        <Show when={tags().length > 0}>
          <div
            class="chips"
            role="group"
            aria-label="Filter by tag"
            ref={watchOverflow}
            onScroll={(e) => markOverflow(e.currentTarget)}
          >
            <button type="button" class="chip" aria-pressed={tag() === null} onClick={() => setTag(null)}>
              All
            </button>
            <For each={tags()}>
              {(name) => (
                <button
                  type="button"
                  class="chip"
                  aria-pressed={tag() === name}
                  onClick={() => setTag(tag() === name ? null : name)}
                >
                  {name}
                </button>
              )}
            </For>
          </div>
        </Show>
      </div>
      <RecoveryOffer />
      <BackupReminder />
      <UnsavedReminder />
      <DrillReminder />
      <Show when={localAside() > 0}>
        <div class="banner banner-warning" role="alert">
          <Icon name="warning" />
          <span>
            {localAside() === 1 ? '1 item could not be opened' : `${localAside()} items could not be opened`}.{' '}
            {localAside() === 1 ? 'It is' : 'They are'} kept aside, untouched.
          </span>
          <a href="#/settings" class="banner-link">
            Details
          </a>
        </div>
      </Show>
      <Show when={serverAside() > 0}>
        <div class="banner banner-warning" role="alert">
          <Icon name="warning" />
          <span>
            The server sent {serverAside() === 1 ? 'a copy' : `${serverAside()} copies`} of items that could not be
            opened (damaged, swapped or sealed with another key). {serverAside() === 1 ? 'It is' : 'They are'} kept
            aside; the copies on this device are unchanged.
          </span>
          <a href="#/settings" class="banner-link">
            Details
          </a>
        </div>
      </Show>
      <HiddenNote
        hidden={hidden()}
        tag={tag()}
        showAll={() => void settings.set('kind', 'all')}
        clearTag={() => setTag(null)}
      />
      <Show
        when={shown().length > 0}
        fallback={
          <EmptyList
            searching={text() !== '' || tag() !== null}
            tagOn={tag() !== null}
            elsewhere={hidden().withoutCode + hidden().outsideTag > 0}
            logins={settings.settings.kind === 'codes' ? logins() : 0}
            showAll={() => void settings.set('kind', 'all')}
          />
        }
      >
        <p class="visually-hidden" role="status">
          {shown().length} of {total()} shown
          <Show when={hidden().withoutCode + hidden().outsideTag > 0}>; {hiddenWords(hidden(), tag())}</Show>
        </p>
        <VirtualList
          items={shown()}
          rowHeight={ROW_HEIGHT}
          label="Codes"
          minColumnWidth={CARD_MIN_WIDTH}
          reveal={revealIndex()}
          onLeaveTop={() => search.focus()}
        >
          {(record) => (
            <CodeRow
              record={record()}
              selected={selectedId() === record().id}
              marked={marked().includes(record().id)}
            />
          )}
        </VirtualList>
      </Show>
    </section>
  );
}

function withoutCodeWords(count: number): string {
  return count === 1 ? '1 login without a code matches' : `${count} logins without a code match`;
}

function outsideTagWords(count: number, tag: string | null): string {
  return `${count === 1 ? '1 more item matches' : `${count} more items match`} outside the tag “${tag ?? ''}”`;
}

function hiddenWords(hidden: HiddenMatches, tag: string | null): string {
  return [
    hidden.withoutCode > 0 ? withoutCodeWords(hidden.withoutCode) : '',
    hidden.outsideTag > 0 ? outsideTagWords(hidden.outsideTag, tag) : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** Where the other matches of a search are, with the one tap that shows them. */
function HiddenNote(props: { hidden: HiddenMatches; tag: string | null; showAll: () => void; clearTag: () => void }) {
  return (
    <>
      <Show when={props.hidden.withoutCode > 0}>
        <div class="banner banner-info search-elsewhere">
          <Icon name="search" />
          <span>{withoutCodeWords(props.hidden.withoutCode)}</span>
          <button type="button" class="link-button banner-link" onClick={() => props.showAll()}>
            Show all items
          </button>
        </div>
      </Show>
      <Show when={props.hidden.outsideTag > 0}>
        <div class="banner banner-info search-elsewhere">
          <Icon name="search" />
          <span>{outsideTagWords(props.hidden.outsideTag, props.tag)}</span>
          <button type="button" class="link-button banner-link" onClick={() => props.clearTag()}>
            Search all tags
          </button>
        </div>
      </Show>
    </>
  );
}

function EmptyList(props: {
  searching: boolean;
  tagOn: boolean;
  elsewhere: boolean;
  logins: number;
  showAll: () => void;
}) {
  return (
    <div class="empty">
      <Show
        when={props.searching}
        fallback={
          <>
            <h2>No codes yet</h2>
            <p>Add the two-factor codes of your accounts: scan a QR code, or type the setup key a site gives you.</p>
            <button type="button" class="button button-primary" onClick={() => navigate({ name: 'add' })}>
              <Icon name="plus" /> Add a code
            </button>
            <Show when={props.logins > 0}>
              <button type="button" class="link-button" onClick={() => props.showAll()}>
                {props.logins === 1
                  ? 'Show your login without a code'
                  : `Show your ${props.logins} logins without a code`}
              </button>
            </Show>
          </>
        }
      >
        <Show when={!props.elsewhere} fallback={<h2>Nothing matches here</h2>}>
          <h2>Nothing matches</h2>
          <p>{props.tagOn ? 'Try another word, or clear the tag filter.' : 'Try another word.'}</p>
        </Show>
      </Show>
    </div>
  );
}
