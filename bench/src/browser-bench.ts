import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import type { Row } from './measure.ts';

// Argon2id in headless Chromium (Debian's, CHROMIUM_PATH to change it): each candidate in one
// page, the same bytes checked, taking turns in each round. Files are served by Playwright's
// request routing, so nothing listens on a port.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ORIGIN = 'http://127.0.0.1:9200';
const require = createRequire(import.meta.url);
const pkg = (name: string) => dirname(require.resolve(`${name}/package.json`));
const argon2id = pkg('argon2id');
const hashWasm = pkg('hash-wasm');
const sodiumWrappers = join(dirname(require.resolve('libsodium-wrappers-sumo')), '..', 'modules-sumo-esm');
const sodiumCore = join(dirname(createRequire(sodiumWrappers).resolve('libsodium-sumo')), '..', 'modules-sumo-esm');

const files: Record<string, [string, string]> = {
  '/hash-wasm.js': [join(hashWasm, 'dist/argon2.umd.min.js'), 'text/javascript'],
  '/argon2id/setup.js': [join(argon2id, 'lib/setup.js'), 'text/javascript'],
  '/argon2id/argon2id.js': [join(argon2id, 'lib/argon2id.js'), 'text/javascript'],
  '/argon2id/blake2b.js': [join(argon2id, 'lib/blake2b.js'), 'text/javascript'],
  '/argon2id/simd.wasm': [join(argon2id, 'dist/simd.wasm'), 'application/wasm'],
  '/argon2id/no-simd.wasm': [join(argon2id, 'dist/no-simd.wasm'), 'application/wasm'],
  '/sodium.mjs': [join(sodiumWrappers, 'libsodium-wrappers.mjs'), 'text/javascript'],
  '/libsodium-sumo.mjs': [join(sodiumCore, 'libsodium-sumo.mjs'), 'text/javascript'],
};

const PAGE = `<!doctype html><meta charset="utf-8">
<script type="importmap">{"imports":{"libsodium-sumo":"/libsodium-sumo.mjs"}}</script>
<script src="/hash-wasm.js"></script>
<script type="module">
import setupWasm from '/argon2id/setup.js';
import sodium from '/sodium.mjs';
await sodium.ready;
const modules = {};
for (const f of ['simd', 'no-simd']) {
  modules[f] = await WebAssembly.compile(await (await fetch('/argon2id/' + f + '.wasm')).arrayBuffer());
}
const openpgp = (f) => async (pw, salt, c) => {
  const mod = modules[f];
  const load = async (imports) => ({ module: mod, instance: await WebAssembly.instantiate(mod, imports) });
  const compute = await setupWasm(load, load);
  return compute({ password: pw, salt, parallelism: c.p, passes: c.t, memorySize: c.m, tagLength: 32 });
};
const impls = {
  'hash-wasm (Tessera)': (pw, salt, c) => hashwasm.argon2id({ password: pw, salt, iterations: c.t, parallelism: c.p, memorySize: c.m, hashLength: 32, outputType: 'binary' }),
  'argon2id openpgp SIMD': openpgp('simd'),
  'argon2id openpgp no-SIMD': openpgp('no-simd'),
  'libsodium.js crypto_pwhash': async (pw, salt, c) => {
    if (c.p !== 1) return null;
    return sodium.crypto_pwhash(32, pw, salt, c.t, c.m * 1024, sodium.crypto_pwhash_ALG_ARGON2ID13);
  },
};
window.bench = async (name, c) => {
  const pw = new TextEncoder().encode('correct horse battery staple');
  const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
  const start = performance.now();
  const out = await impls[name](pw, salt, c);
  const ms = performance.now() - start;
  return out && { ms, hex: Array.from(out, (b) => b.toString(16).padStart(2, '0')).join('') };
};
window.ready = true;
</script>`;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function browserArgon2Rows(): Promise<{ version: string; rows: Row[] }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ body: PAGE, contentType: 'text/html' });
      const file = files[path];
      if (!file) return route.fulfill({ status: 404 });
      return route.fulfill({ body: readFileSync(file[0]), contentType: file[1] });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (globalThis as unknown as { ready?: boolean }).ready === true);
    const rows: Row[] = [];
    // Four lanes (vaults made before 2026-12-07, on hash-wasm) and one (the default since, on
    // libsodium.js).
    for (const p of [4, 1]) {
      const cost = { m: DEFAULT_KDF.memoryKiB, t: DEFAULT_KDF.iterations, p };
      const names = ['hash-wasm (Tessera)', 'argon2id openpgp SIMD', 'argon2id openpgp no-SIMD'];
      if (p === 1) names.push('libsodium.js crypto_pwhash');
      const times = new Map<string, number[]>(names.map((n) => [n, []]));
      let hex: string | undefined;
      for (let round = 0; round <= ROUNDS; round++) {
        for (const name of names) {
          const r = await page.evaluate(
            ([n, c]) =>
              (
                globalThis as unknown as { bench: (n: string, c: object) => Promise<{ ms: number; hex: string }> }
              ).bench(n, c),
            [name, cost] as const,
          );
          if (hex === undefined) hex = r.hex;
          else if (r.hex !== hex) throw new Error(`${name} gives other bytes at p=${p}`);
          // Round 0 is the warm-up.
          if (round > 0) times.get(name)?.push(r.ms);
        }
      }
      const median = (t: number[]) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)] as number;
      const base = median(times.get('hash-wasm (Tessera)') as number[]);
      for (const name of names) {
        const ms = median(times.get(name) as number[]);
        rows.push({
          task: 'Argon2id (Chromium)',
          implementation: name,
          params: `m=${cost.m / 1024} MiB t=${cost.t} p=${p}`,
          ms,
          ratio: `${(ms / base).toFixed(2)}x`,
        });
      }
    }
    return { version: browser.version(), rows };
  } finally {
    await browser.close();
  }
}
