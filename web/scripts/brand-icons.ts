// The brand icon set (docs/web.md, "Brand icons"): every Simple Icons entry (CC0) as one JSON
// file, [slug, hex, path, keys], where keys are the normalised title, slug and aliases the app
// matches a record against. Emitted by the build as a hashed asset that the app fetches whole,
// on first use, so which icons a device shows is never told to the server.
import * as simpleIcons from 'simple-icons';
import data from 'simple-icons/icons.json' with { type: 'json' };
import type { Plugin } from 'vite';
import { brandKey, type BrandEntry } from '../src/lib/brand-match.ts';

interface IconData {
  slug: string;
  title: string;
  aliases?: { aka?: string[]; dup?: { title: string }[]; loc?: Record<string, string> };
}

export function brandIconSet(): BrandEntry[] {
  const meta = new Map(
    ((data as unknown as { icons?: IconData[] }).icons ?? (data as unknown as IconData[])).map((d) => [d.slug, d]),
  );
  const entries: BrandEntry[] = [];
  for (const icon of Object.values(simpleIcons) as { slug?: string; hex: string; path: string; title: string }[]) {
    if (!icon?.slug) continue;
    const aliases = meta.get(icon.slug)?.aliases;
    const keys = [
      brandKey(icon.title),
      icon.slug,
      ...(aliases?.aka ?? []).map(brandKey),
      ...(aliases?.dup ?? []).map((d) => brandKey(d.title)),
      ...Object.values(aliases?.loc ?? {}).map(brandKey),
    ].filter((key, at, all) => key.length > 0 && all.indexOf(key) === at);
    entries.push([icon.slug, icon.hex, icon.path, keys]);
  }
  return entries;
}

const VIRTUAL = 'virtual:brand-icons';
const RESOLVED = `\0${VIRTUAL}`;
const DEV_PATH = '/brand-icons.json';

/** `import url from 'virtual:brand-icons'`: the URL of the set (a hashed asset in a build). */
export function brandIcons(): Plugin {
  let serve = false;
  let json: string | null = null;
  const source = () => {
    json ??= JSON.stringify(brandIconSet());
    return json;
  };
  return {
    name: 'tessera-brand-icons',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      if (serve) return `export default ${JSON.stringify(DEV_PATH)};`;
      const ref = this.emitFile({ type: 'asset', name: 'brand-icons.json', source: source() });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    configureServer(server) {
      server.middlewares.use(DEV_PATH, (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(source());
      });
    },
  };
}
