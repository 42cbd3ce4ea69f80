/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/solid" />

/** package.json version, set by vite.config.ts. */
declare const __APP_VERSION__: string;
