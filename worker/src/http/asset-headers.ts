import { SECURITY_HEADERS } from './headers.ts';

/**
 * @module Headers for the built PWA's files when they are served without the worker running
 * first (docs/deploy.md, "Assets"). On Cloudflare these rules are the `_headers` file that the web
 * build writes into web/dist; the self-hosted server (scripts/selfhost) applies the same rules
 * itself. Caching lives here, the security headers come from headers.ts.
 */

// Vite puts a content hash in every file name under /assets/, so a name never changes meaning:
// browsers and caches may keep it for a year without asking again.
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface HeaderRule {
  // A path, or a prefix ending in `*`.
  path: string;
  headers: Readonly<Record<string, string>>;
}

export const ASSET_HEADER_RULES: readonly HeaderRule[] = [
  // Scripts run as workers (sw.js, the crypto, QR and transfer workers) take their CSP from their
  // own response, and nosniff must reach every script: the security headers go on every file.
  { path: '/*', headers: SECURITY_HEADERS },
  { path: '/assets/*', headers: { 'cache-control': IMMUTABLE } },
];

function matches(rule: HeaderRule, pathname: string): boolean {
  return rule.path.endsWith('*') ? pathname.startsWith(rule.path.slice(0, -1)) : pathname === rule.path;
}

// The headers the rules give one path; a later rule wins over an earlier one for the same name.
export function assetHeadersFor(pathname: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of ASSET_HEADER_RULES) if (matches(rule, pathname)) Object.assign(out, rule.headers);
  return out;
}

// Cloudflare's `_headers` format: a path line, then indented `Name: value` lines.
export function renderHeadersFile(): string {
  const blocks = ASSET_HEADER_RULES.map((rule) =>
    [rule.path, ...Object.entries(rule.headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n'),
  );
  return `# Written by the web build from worker/src/http/asset-headers.ts; do not edit.\n${blocks.join('\n\n')}\n`;
}
