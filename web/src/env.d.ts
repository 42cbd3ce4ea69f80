/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/solid" />

/** package.json version, set by vite.config.ts. */
declare const __APP_VERSION__: string;

/** The brand icon set's URL (scripts/brand-icons.ts). */
declare module 'virtual:brand-icons' {
  const url: string;
  export default url;
}
