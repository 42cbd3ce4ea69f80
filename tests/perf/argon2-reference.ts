import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import type { KdfParams } from '@tessera/core/crypto/kdf';

// Argon2id alone, in a bare page of the same browser the app runs in: libsodium.js (the fastest
// browser Argon2id measured, Ente Auth's; one lane only; the app's engine for one-lane vaults)
// and hash-wasm (the app's engine for any other lane count). The
// unlock figures are read against these, since a ratio taken in one run survives a noisy machine.
// The page comes from Playwright's routing, so nothing listens on a port.
const ORIGIN = 'http://127.0.0.1:9201';
const require = createRequire(import.meta.url);
const sodiumWrappers = join(dirname(require.resolve('libsodium-wrappers-sumo')), '..', 'modules-sumo-esm');
const sodiumCore = join(dirname(createRequire(sodiumWrappers).resolve('libsodium-sumo')), '..', 'modules-sumo-esm');
const files: Record<string, string> = {
  '/hash-wasm.js': join(dirname(require.resolve('hash-wasm/package.json')), 'dist/argon2.umd.min.js'),
  '/sodium.mjs': join(sodiumWrappers, 'libsodium-wrappers.mjs'),
  '/libsodium-sumo.mjs': join(sodiumCore, 'libsodium-sumo.mjs'),
};

const PAGE = `<!doctype html><meta charset="utf-8">
<script type="importmap">{"imports":{"libsodium-sumo":"/libsodium-sumo.mjs"}}</script>
<script src="/hash-wasm.js"></script>
<script type="module">
import sodium from '/sodium.mjs';
await sodium.ready;
const password = new TextEncoder().encode('correct horse battery staple');
const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
window.argon2 = async (engine, c) => {
  const start = performance.now();
  if (engine === 'libsodium') sodium.crypto_pwhash(32, password, salt, c.t, c.m * 1024, sodium.crypto_pwhash_ALG_ARGON2ID13);
  else await hashwasm.argon2id({ password, salt, iterations: c.t, parallelism: c.p, memorySize: c.m, hashLength: 32, outputType: 'binary' });
  return performance.now() - start;
};
window.ready = true;
</script>`;

export interface Argon2Reference {
  /** libsodium.js at the vault's memory and passes (p = 1: it has no other), median ms. */
  libsodiumMs: number;
  /** hash-wasm at the vault's own parameters in a bare page, median ms. */
  hashWasmMs: number;
}

export async function argon2Reference(context: BrowserContext, kdf: KdfParams, rounds = 3): Promise<Argon2Reference> {
  const page = await context.newPage();
  try {
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ body: PAGE, contentType: 'text/html' });
      const file = files[path];
      if (!file) return route.fulfill({ status: 404 });
      return route.fulfill({ body: readFileSync(file), contentType: 'text/javascript' });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (globalThis as unknown as { ready?: boolean }).ready === true);
    const cost = { m: kdf.memoryKiB, t: kdf.iterations, p: kdf.parallelism };
    const times = { libsodium: [] as number[], 'hash-wasm': [] as number[] };
    // Round 0 warms both up (compiles the WebAssembly); the engines take turns after that.
    for (let round = 0; round <= rounds; round++) {
      for (const engine of ['libsodium', 'hash-wasm'] as const) {
        const ms = await page.evaluate(
          ([e, c]) => (globalThis as unknown as { argon2: (e: string, c: object) => Promise<number> }).argon2(e, c),
          [engine, cost] as const,
        );
        if (round > 0) times[engine].push(ms);
      }
    }
    const median = (t: number[]) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!;
    return { libsodiumMs: median(times.libsodium), hashWasmMs: median(times['hash-wasm']) };
  } finally {
    await page.close();
  }
}
