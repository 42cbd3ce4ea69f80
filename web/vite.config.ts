import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    solid(),
    VitePWA({
      registerType: 'prompt',
      manifest: {
        name: 'Tessera',
        short_name: 'Tessera',
        display: 'standalone',
        start_url: '/',
        theme_color: '#0f172a',
        background_color: '#0f172a',
      },
      workbox: { globPatterns: ['**/*.{js,css,html,svg,png,wasm,webmanifest}'] },
    }),
  ],
  build: { target: 'es2022' },
});
