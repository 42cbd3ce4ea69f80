import type { Route } from './route.ts';

// The app-wide keys of a desktop (docs/web.md, "Keyboard"). Pure, so the rules are unit-tested:
// what a key press does given where the focus is. A key typed into a field always belongs to
// the field; a key pressed while a dialog or menu is open belongs to it.

export type KeyAction = 'help' | 'close' | 'enter-list' | null;

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export interface KeyPlace {
  /** The focus is in something that takes text (a text field, a text area, a select, an editable). */
  typing: boolean;
  /** A dialog or a menu is open. */
  overlay: boolean;
  /** The focus is nowhere in particular (the page, or a heading moved to after navigation). */
  idle: boolean;
  route: Route['name'];
}

/** Screens Esc closes: they only show things, so closing loses nothing typed. */
const CLOSABLE: ReadonlySet<Route['name']> = new Set(['record', 'settings', 'deleted']);

const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'range', 'image']);

export function isTyping(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLElement && el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NOT_TEXT.has((el as HTMLInputElement).type);
}

export function keyAction(press: KeyPress, place: KeyPlace): KeyAction {
  if (press.ctrlKey || press.metaKey || press.altKey || place.typing || place.overlay) return null;
  if (press.key === '?') return 'help';
  if (press.key === 'Escape') return CLOSABLE.has(place.route) ? 'close' : null;
  if ((press.key === 'ArrowDown' || press.key === 'ArrowUp') && place.idle) return 'enter-list';
  return null;
}
