import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import { renderHeadersFile } from '../worker/src/http/asset-headers.ts';
import { brandIcons } from './scripts/brand-icons.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// dist/_headers: the caching and security headers Cloudflare puts on the files it serves without
// running the worker (the rules live with the worker's other headers).
function assetHeaders(): Plugin {
  return {
    name: 'tessera-asset-headers',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: renderHeadersFile() });
    },
  };
}

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(version) },
  plugins: [
    solid(),
    assetHeaders(),
    brandIcons(),
    VitePWA({
      registerType: 'prompt',
      // The registration code is imported by components/UpdatePrompt.tsx (no inline script: CSP).
      injectRegister: false,
      includeAssets: ['icons/*.png', 'favicon.svg'],
      manifest: {
        id: '/',
        name: 'Tessera Authenticator',
        short_name: 'Tessera',
        description: 'One-time codes and logins, encrypted on your device, working offline.',
        lang: 'en',
        display: 'standalone',
        orientation: 'any',
        start_url: '/',
        scope: '/',
        theme_color: '#1d4ed8',
        background_color: '#f6f7f9',
        categories: ['security', 'productivity', 'utilities'],
        // One window: opening Tessera again (or a shortcut) brings the open window forward; the
        // page reads the shortcut's URL from launchQueue (web/src/app/shortcuts.ts).
        launch_handler: { client_mode: 'focus-existing' },
        // Share to Tessera: the service worker takes the POST (runtimeCaching below).
        share_target: {
          action: '/share',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'files', accept: ['image/*'] }] },
        },
        // Open with Tessera: QR pictures go to the add flow, exports and backups to the import
        // screen (launchQueue, web/src/app/shortcuts.ts).
        file_handlers: [
          {
            action: '/',
            accept: {
              'image/png': ['.png'],
              'image/jpeg': ['.jpg', '.jpeg'],
              'image/webp': ['.webp'],
              'image/gif': ['.gif'],
            },
          },
          {
            action: '/',
            accept: {
              'application/json': ['.json', '.2fas', '.aegis'],
              'text/csv': ['.csv'],
              'text/plain': ['.txt'],
              'application/octet-stream': ['.tessera', '.mafile'],
            },
          },
        ],
        shortcuts: [
          {
            name: 'Add a code',
            short_name: 'Add',
            url: '/#/add',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
          {
            name: 'Scan a QR code',
            short_name: 'Scan',
            url: '/#/add/camera',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
          {
            name: 'Search',
            short_name: 'Search',
            url: '/#/search',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
        ],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Everything the app can ever load, lazily loaded chunks (QR scanner, crypto worker with
        // hash-wasm's Argon2) included, so it starts and works with the network off.
        globPatterns: ['**/*.{js,css,html,svg,png,wasm,webmanifest}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // One sw.js with workbox inside: no importScripts() of a second file, which Trusted
        // Types (require-trusted-types-for 'script') would refuse in the service worker.
        inlineWorkboxRuntime: true,
        runtimeCaching: [
          {
            // Brand icons (scripts/brand-icons.ts): one hashed file of about 2 MB gzipped, too
            // large to precache with the app, so it is fetched on first use and kept here; a new
            // build's file has a new name, and the old one goes.
            urlPattern: ({ url }) => /^\/assets\/brand-icons-[\w-]+\.json$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'tessera-brand-icons', expiration: { maxEntries: 1 } },
          },
          {
            // A share (Web Share Target) arrives as a POST navigation to /share. The shared
            // pictures and text go into a Cache entry under a random id, never to the network,
            // and the page is sent to #/add/share/<id>, which reads the entry and deletes it
            // (web/src/app/shared.ts). This function is copied into sw.js as source: it may use
            // nothing from this file.
            urlPattern: ({ url }) => url.pathname === '/share',
            method: 'POST',
            handler: async ({ request }) => {
              const form = await request.formData();
              const id = crypto.randomUUID();
              const cache = await caches.open('tessera-shared');
              const texts = ['title', 'text', 'url']
                .map((k) => form.get(k))
                .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
              await cache.put(`/shared/${id}/text`, new Response(texts.join('\n')));
              const files = form.getAll('files').filter((f): f is File => typeof f !== 'string');
              await Promise.all(
                files.map((f, i) =>
                  cache.put(`/shared/${id}/file/${i}`, new Response(f, { headers: { 'content-type': f.type } })),
                ),
              );
              return Response.redirect(`/#/add/share/${id}`, 303);
            },
          },
        ],
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
});
