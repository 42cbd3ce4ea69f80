import { describe, expect, it } from 'vitest';
import { keyAction, type KeyPlace, type KeyPress } from '../src/lib/keys.ts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const place = (over: Partial<KeyPlace> = {}): KeyPlace => ({
  typing: false,
  overlay: false,
  idle: true,
  route: 'codes',
  ...over,
});

describe('keyAction', () => {
  it('opens the help with "?" anywhere but in a field', () => {
    expect(keyAction(press('?'), place())).toBe('help');
    expect(keyAction(press('?'), place({ route: 'edit', idle: false }))).toBe('help');
    expect(keyAction(press('?'), place({ typing: true }))).toBeNull();
  });
  it('closes only screens that lose nothing', () => {
    expect(keyAction(press('Escape'), place({ route: 'record' }))).toBe('close');
    expect(keyAction(press('Escape'), place({ route: 'settings' }))).toBe('close');
    expect(keyAction(press('Escape'), place({ route: 'edit' }))).toBeNull();
    expect(keyAction(press('Escape'), place({ route: 'add' }))).toBeNull();
    expect(keyAction(press('Escape'), place({ route: 'codes' }))).toBeNull();
  });
  it('leaves keys to a field, a dialog or a menu, and to shortcuts with modifiers', () => {
    expect(keyAction(press('Escape'), place({ route: 'record', typing: true }))).toBeNull();
    expect(keyAction(press('Escape'), place({ route: 'record', overlay: true }))).toBeNull();
    expect(keyAction(press('?', { ctrlKey: true }), place())).toBeNull();
    expect(keyAction(press('ArrowDown', { altKey: true }), place())).toBeNull();
  });
  it('enters the list with the arrows only when the focus is nowhere in particular', () => {
    expect(keyAction(press('ArrowDown'), place())).toBe('enter-list');
    expect(keyAction(press('ArrowUp'), place({ route: 'record' }))).toBe('enter-list');
    expect(keyAction(press('ArrowDown'), place({ idle: false }))).toBeNull();
  });
});
