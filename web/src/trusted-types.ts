/**
 * @module The page's Trusted Types default policy (docs/api.md, "Security headers"). The worker
 * sends `require-trusted-types-for 'script'`, so a string reaching an HTML or script-URL sink is
 * passed through this policy, and a sink fed a string that it refuses throws instead of running.
 * The app's own code feeds those sinks only here:
 * - Solid builds each template once from static markup in the bundle (`template.innerHTML`);
 * - the crypto and QR workers, and the service worker registration, load same-origin scripts.
 * Anything else (an injected `<script>`, an inline handler, a script from another origin, a
 * string given to eval-like sinks) is refused. Imported first by main.tsx, before any sink runs.
 */

interface TrustedTypePolicyOptions {
  createHTML?: (input: string) => string;
  createScriptURL?: (input: string) => string;
  createScript?: (input: string) => string;
}

interface TrustedTypesFactory {
  createPolicy(name: string, options: TrustedTypePolicyOptions): unknown;
}

// Markup that could run script: a script or frame-like element, an inline event handler, a
// javascript: URL. Solid's templates hold none of these (handlers are attached in code).
const ACTIVE_MARKUP = /<\s*(script|iframe|object|embed|frame|frameset|base|meta|link)\b|\son[a-z]+\s*=|javascript:/i;

export function allowHtml(input: string): string {
  if (ACTIVE_MARKUP.test(input)) throw new TypeError('Trusted Types: markup that could run script was refused');
  return input;
}

export function allowScriptUrl(input: string, origin: string): string {
  const url = new URL(input, origin);
  if (url.origin !== origin) throw new TypeError('Trusted Types: a script from another origin was refused');
  return input;
}

const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
if (factory) {
  factory.createPolicy('default', {
    createHTML: allowHtml,
    createScriptURL: (input) => allowScriptUrl(input, location.origin),
    createScript: () => {
      throw new TypeError('Trusted Types: scripts from strings are refused');
    },
  });
}
