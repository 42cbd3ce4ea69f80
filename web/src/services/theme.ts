import { createSignal, type Accessor } from 'solid-js';

// The colour theme: follow the system, or always light, or always dark. It is a device setting
// kept in localStorage rather than the settings table, because it has to be read synchronously
// before the first paint by web/public/theme.js (IndexedDB answers only asynchronously, after the
// page has been painted once). The value is not secret.
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_KEY = 'tessera.theme';
const BAR_COLORS: Record<Exclude<ThemeChoice, 'system'>, string> = { light: '#f6f7f9', dark: '#0e1117' };

export interface ThemeService {
  choice: Accessor<ThemeChoice>;
  set(choice: ThemeChoice): void;
}

/** What the page shows: `data-theme` on the root element (base.css) and the browser bar's colour. */
function apply(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
  const metas = root.ownerDocument.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]');
  for (const meta of metas) {
    // Each tag keeps its own colour for its media query when the system decides.
    const own = meta.media.includes('dark') ? BAR_COLORS.dark : BAR_COLORS.light;
    meta.content = choice === 'system' ? own : BAR_COLORS[choice];
  }
}

export function readTheme(storage: Pick<Storage, 'getItem'> | null): ThemeChoice {
  let value: string | null = null;
  try {
    value = storage?.getItem(THEME_KEY) ?? null;
  } catch {
    // Storage refused: the system setting applies.
  }
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function createTheme(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null,
  root: HTMLElement,
  events?: Pick<Window, 'addEventListener'>,
): ThemeService {
  const [choice, setChoice] = createSignal<ThemeChoice>(readTheme(storage));
  apply(root, choice());
  // Another tab of the app changed it: this one follows.
  events?.addEventListener('storage', (event) => {
    if (event.key !== THEME_KEY && event.key !== null) return;
    const next = readTheme(storage);
    setChoice(next);
    apply(root, next);
  });
  const service: ThemeService = {
    choice,
    set(next) {
      setChoice(next);
      apply(root, next);
      try {
        if (next === 'system') storage?.removeItem(THEME_KEY);
        else storage?.setItem(THEME_KEY, next);
      } catch {
        // Not remembered (storage refused); the choice still holds until the page is closed.
      }
    },
  };
  return service;
}
