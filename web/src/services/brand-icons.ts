import { createSignal } from 'solid-js';
import { type BrandEntry, type BrandHints, type BrandIcon, findBrand, indexBrands } from '../lib/brand-match.ts';

// Brand icons (docs/web.md, "Brand icons"). The whole Simple Icons set is one file, fetched on
// the first lookup while the setting is on, and kept by the service worker's runtime cache; no
// request ever names an icon, so the server learns nothing about which accounts a vault holds.
// Until the set is there, or when it cannot be had (offline on first use), rows keep their letter.
export interface BrandIconsService {
  /** The icon these hints name, or null (off, not loaded yet, no match). Reactive. */
  find(hints: BrandHints): BrandIcon | null;
  /**
   * Loads the set now rather than at the first lookup, if icons are on: called while the unlock
   * screen waits, so the first frame of the codes has its icons and does not also read and index
   * a 4.7 MB file. Resolves once the set is in (or could not be had); never rejects.
   */
  prepare(): Promise<void>;
}

interface Loaded {
  entries: BrandEntry[];
  index: Map<string, number>;
}

export function createBrandIcons(enabled: () => boolean, load: () => Promise<BrandEntry[]>): BrandIconsService {
  const [set, setSet] = createSignal<Loaded | null>(null);
  let loading: Promise<void> | null = null;
  const start = () => {
    loading ??= load().then(
      (entries) => {
        setSet({ entries, index: indexBrands(entries) });
      },
      // A failed fetch (offline before the set was ever cached) leaves the letters; the next
      // lookup after a reload tries again.
      () => undefined,
    );
    return loading;
  };
  return {
    prepare: () => (enabled() ? start() : Promise.resolve()),
    find(hints) {
      if (!enabled()) return null;
      const loaded = set();
      if (!loaded) {
        void start();
        return null;
      }
      return findBrand(loaded.entries, loaded.index, hints);
    },
  };
}

/** The set from the app's own origin (the URL the build gives it). */
export async function fetchBrandIcons(url: string): Promise<BrandEntry[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`brand icons: HTTP ${response.status}`);
  const entries = (await response.json()) as unknown;
  if (!Array.isArray(entries)) throw new Error('brand icons: not a list');
  return entries as BrandEntry[];
}
