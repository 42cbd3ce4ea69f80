// Brand icons (docs/web.md, "Brand icons"): which Simple Icons entry a record's issuer, site or
// title names. Pure, so web/test/brand-match.test.ts runs it in Node; the build
// (scripts/brand-icons.ts) uses the same `brandKey` for every title and alias, so both sides
// normalise alike.

/** One icon as the lazily loaded set holds it: slug, brand colour (hex, no #), SVG path (24×24). */
export type BrandEntry = [slug: string, hex: string, path: string, keys: string[]];

export interface BrandIcon {
  slug: string;
  hex: string;
  path: string;
}

/** Lower case, accents and everything but letters and digits dropped: "Proton Mail" → "protonmail". */
export function brandKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\+/g, 'plus')
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

// Second-level labels that are not the name (example.co.uk, example.com.au).
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ne', 'or']);

/** The names a site's address may carry, most telling first: "accounts.google.co.uk" → google, accounts. */
export function hostNames(url: string): string[] {
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`).hostname;
  } catch {
    return [];
  }
  if (!host || /^[\d.]+$/.test(host) || host.includes(':')) return [];
  const labels = host.toLowerCase().split('.').filter(Boolean);
  labels.pop(); // the top-level domain
  if (labels.length > 1 && SECOND_LEVEL.has(labels[labels.length - 1] as string)) labels.pop();
  return labels.reverse().filter((label) => label !== 'www');
}

export interface BrandHints {
  issuer?: string | undefined;
  url?: string | undefined;
  title?: string | undefined;
}

/** Keys to look up, in order: the issuer, the site's names, the title; each whole, then its first word. */
export function brandCandidates(hints: BrandHints): string[] {
  const out: string[] = [];
  const add = (key: string) => {
    if (key.length >= 2 && !out.includes(key)) out.push(key);
  };
  const words = (text: string | undefined) => {
    if (!text?.trim()) return;
    add(brandKey(text));
    const first = text.trim().split(/[\s:()/,|-]+/)[0] ?? '';
    if (first.length >= 3) add(brandKey(first));
  };
  words(hints.issuer);
  if (hints.issuer && /\.[a-z]{2,}$/i.test(hints.issuer.trim())) for (const n of hostNames(hints.issuer)) add(n);
  if (hints.url) for (const name of hostNames(hints.url)) add(brandKey(name));
  words(hints.title);
  return out;
}

/** key → position in the set; titles and slugs win over aliases (the build lists them first). */
export function indexBrands(entries: readonly BrandEntry[]): Map<string, number> {
  // One pass: a key goes to the entry that lists it earliest (lowest rank), the first such entry
  // on a tie. Rank by rank over the whole set was entries × the longest alias list, a 60 ms task
  // on the main thread just after unlock.
  const index = new Map<string, number>();
  const rankOf = new Map<string, number>();
  entries.forEach((entry, at) => {
    entry[3].forEach((key, rank) => {
      if (!key) return;
      const held = rankOf.get(key);
      if (held !== undefined && held <= rank) return;
      index.set(key, at);
      rankOf.set(key, rank);
    });
  });
  return index;
}

export function findBrand(
  entries: readonly BrandEntry[],
  index: ReadonlyMap<string, number>,
  hints: BrandHints,
): BrandIcon | null {
  for (const key of brandCandidates(hints)) {
    const at = index.get(key);
    if (at !== undefined) {
      const [slug, hex, path] = entries[at] as BrandEntry;
      return { slug, hex, path };
    }
  }
  return null;
}

/** Black or white, whichever reads better on the brand colour (WCAG relative luminance). */
export function brandForeground(hex: string): '#000' | '#fff' {
  const channel = (at: number) => {
    const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // Contrast with white (1.05 / (L + 0.05)) against with black ((L + 0.05) / 0.05).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#fff' : '#000';
}
