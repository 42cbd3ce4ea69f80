// `pnpm bench`: Argon2id at the vault defaults, Tessera's engine (hash-wasm) against openpgp's
// argon2id, native libargon2 and libsodium, in Node and in headless Chromium; TOTP code generation,
// and item sealing/opening; then the app itself in Chromium (unlock of 1,000 records, scrolling,
// against Argon2id alone in the same browser), in one run of a few minutes. Not part of the tests.
import { cpus, loadavg } from 'node:os';
import { runAppUnlockBench } from './src/app-unlock-bench.ts';
import { argon2Rows } from './src/argon2-bench.ts';
import { browserArgon2Rows } from './src/browser-bench.ts';
import { itemRows } from './src/items-bench.ts';
import { printTable } from './src/measure.ts';
import { printPrecache } from './src/precache-bench.ts';
import { totpRows } from './src/totp-bench.ts';

const started = performance.now();
// Dated, with the machine and its load: figures are only comparable with those of the same kind
// of run (docs/performance.md keeps them with the same details).
console.log(
  `${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()[0]!.toFixed(1)}, medians of 3-5 runs after a warm-up`,
);
console.log('');
const argon2 = await argon2Rows();
printTable(argon2);
console.log('');
console.log('Same output bytes checked for every Argon2id row with the same parameters; ratio = time / hash-wasm');
console.log('in the same run, the candidates taking turns in each round. libsodium fixes p=1; native libargon2 runs');
console.log('its lanes on threads, every WebAssembly engine runs them one after another.');
console.log('');
// SKIP_BROWSER=1 leaves out the Chromium part (a machine without Debian's chromium).
if (process.env.SKIP_BROWSER !== '1') {
  const browser = await browserArgon2Rows();
  console.log(`Headless Chromium ${browser.version}:`);
  printTable(browser.rows);
  console.log('');
}
printTable([...(await totpRows()), ...itemRows()]);
console.log('');
// PRECACHE_DIST compares another build (e.g. one made before a change with `vite build --outDir`).
printPrecache(process.env.PRECACHE_DIST ?? new URL('../web/dist', import.meta.url).pathname);
console.log('');
// The app in the browser: unlock of 1,000 records and scrolling, with Argon2id alone beside it.
if (process.env.SKIP_BROWSER !== '1') {
  console.log('The app in headless Chromium (tests/perf/unlock-1000.perf.ts):');
  if (!runAppUnlockBench()) process.exitCode = 1;
  console.log('');
}
console.log(`Total ${((performance.now() - started) / 1000).toFixed(1)} s`);
