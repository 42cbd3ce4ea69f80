import { createSignal } from 'solid-js';
import { isTyping, keyAction } from '../lib/keys.ts';
import { navigate, route } from './router.ts';

// The app-wide keys (lib/keys.ts decides, this file does): "?" opens the help sheet, Esc closes
// a screen that only shows things, the arrows take the focus into the list when it is nowhere in
// particular. "/" (search), the arrows between rows and Enter (copy) live with the list itself
// (screens/Codes.tsx, components/VirtualList.tsx).

const [helpOpen, setHelpOpen] = createSignal(false);
export { helpOpen };

export function openKeyHelp(): void {
  setHelpOpen(true);
}

export function closeKeyHelp(): void {
  setHelpOpen(false);
}

const rowOf = (id: string) =>
  document.querySelector<HTMLElement>(`.codes .row[data-record-id="${CSS.escape(id)}"] [data-row-focus]`);

function focusList(): void {
  const current = route();
  const open = current.name === 'record' || current.name === 'edit' ? rowOf(current.id) : null;
  (open ?? document.querySelector<HTMLElement>('.codes [data-row-focus]'))?.focus();
}

export function watchKeys(): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const active = document.activeElement;
    const action = keyAction(event, {
      typing: isTyping(event.target as Element) || isTyping(active),
      overlay: document.querySelector('dialog[open], [role="menu"]') !== null,
      idle: active === null || active === document.body || (active.tagName === 'H1' && active.hasAttribute('tabindex')),
      route: route().name,
    });
    if (action === null) return;
    event.preventDefault();
    if (action === 'help') setHelpOpen(true);
    else if (action === 'enter-list') focusList();
    else if (action === 'close') {
      const closed = route();
      navigate({ name: 'codes' });
      // Back in the list, on the row of the record just closed (or the list's first row).
      requestAnimationFrame(() => {
        const row = closed.name === 'record' ? rowOf(closed.id) : null;
        (row ?? document.querySelector<HTMLElement>('.codes [data-row-focus]'))?.focus();
      });
    }
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
