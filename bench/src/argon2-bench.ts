import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import argon2 from 'argon2';
import setupWasm from 'argon2id/lib/setup.js';
import { argon2id as hashWasmArgon2id } from 'hash-wasm';
import sodium from 'libsodium-wrappers-sumo';
import { argon2idHash, type Argon2Cost } from '@tessera/core/crypto/argon2';
import { DEFAULT_KDF, passwordBytes } from '@tessera/core/crypto/kdf';
import { type Row, sameBytes } from './measure.ts';

// Rounds after one warm-up. The candidates take turns within each round, so a change in the
// machine's load (it is shared) hits them all alike and the ratios stay meaningful.
const ROUNDS = 5;
const password = passwordBytes('correct horse battery staple');
const salt = Uint8Array.from({ length: 16 }, (_, i) => i);

// Tessera's Argon2id (core picks hash-wasm or libsodium.js by lane count), and each engine called
// directly: the bytes must match.
const tessera = (cost: Argon2Cost) => () => argon2idHash(password, salt, cost, 32);
const hashWasm = (cost: Argon2Cost) => () =>
  hashWasmArgon2id({
    password,
    salt,
    iterations: cost.iterations,
    parallelism: cost.parallelism,
    memorySize: cost.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  });
const native = (cost: Argon2Cost) => async () =>
  new Uint8Array(
    await argon2.hash(Buffer.from(password), {
      type: argon2.argon2id,
      raw: true,
      salt: Buffer.from(salt),
      memoryCost: cost.memoryKiB,
      timeCost: cost.iterations,
      parallelism: cost.parallelism,
      hashLength: 32,
    }),
  );
// openpgp's argon2id (issue 10's candidate): WebAssembly with SIMD, or its non-SIMD build; a
// fresh instance per call, as an app would use it to free the memory afterwards.
// (The bench's `lib` has no WebAssembly types: the few calls are typed here.)
const Wasm = (
  globalThis as unknown as {
    WebAssembly: { Module: new (bytes: Uint8Array) => object; instantiate(m: object, i: object): Promise<object> };
  }
).WebAssembly;
const argon2idDir = dirname(createRequire(import.meta.url).resolve('argon2id/package.json'));
const openpgpModules = {
  simd: new Wasm.Module(readFileSync(join(argon2idDir, 'dist/simd.wasm'))),
  'no-simd': new Wasm.Module(readFileSync(join(argon2idDir, 'dist/no-simd.wasm'))),
};
const openpgp = (cost: Argon2Cost, build: 'simd' | 'no-simd') => async () => {
  const module = openpgpModules[build];
  const load = async (imports: object) => ({
    module,
    instance: await Wasm.instantiate(module, imports),
  });
  const compute = await setupWasm(load as never, load as never);
  return compute({
    password,
    salt,
    parallelism: cost.parallelism,
    passes: cost.iterations,
    memorySize: cost.memoryKiB,
    tagLength: 32,
  });
};
// libsodium's crypto_pwhash takes memory in bytes and always runs one lane (p = 1).
const libsodium = (cost: Argon2Cost) => () =>
  sodium.crypto_pwhash(32, password, salt, cost.iterations, cost.memoryKiB * 1024, sodium.crypto_pwhash_ALG_ARGON2ID13);

function describe(cost: Argon2Cost): string {
  return `m=${cost.memoryKiB / 1024} MiB t=${cost.iterations} p=${cost.parallelism}`;
}

export async function roundRobin(
  implementations: [string, () => Promise<unknown> | unknown][],
  rounds: number,
): Promise<Map<string, number>> {
  const times = new Map<string, number[]>(implementations.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of implementations) {
      const start = performance.now();
      await run();
      times.get(name)?.push(performance.now() - start);
    }
  }
  return new Map([...times].map(([name, t]) => [name, t.sort((a, b) => a - b)[Math.floor(t.length / 2)] as number]));
}

async function compare(
  cost: Argon2Cost,
  implementations: [string, () => Promise<Uint8Array> | Uint8Array][],
): Promise<Row[]> {
  // The first call of each is the warm-up (WebAssembly compile) and the byte check.
  const outputs = [];
  for (const [, run] of implementations) outputs.push(await run());
  sameBytes(`Argon2id ${describe(cost)}`, outputs);
  const medians = await roundRobin(implementations, ROUNDS);
  const rows: Row[] = implementations.map(([name]) => ({
    task: 'Argon2id',
    implementation: name,
    params: describe(cost),
    ms: medians.get(name) as number,
  }));
  const baseMs = rows.find((r) => r.implementation.startsWith('hash-wasm'))?.ms ?? Number.NaN;
  for (const row of rows) row.ratio = `${(row.ms / baseMs).toFixed(2)}x`;
  return rows;
}

export async function argon2Rows(): Promise<Row[]> {
  await sodium.ready;
  // Four lanes: every vault made before 2026-12-07 (core derives it with hash-wasm). One lane:
  // the default since (core derives it with libsodium.js).
  const fourLanes: Argon2Cost = { ...DEFAULT_KDF, parallelism: 4 };
  const oneLane: Argon2Cost = { ...DEFAULT_KDF, parallelism: 1 };
  return [
    ...(await compare(fourLanes, [
      ['hash-wasm', hashWasm(fourLanes)],
      ['Tessera (core: hash-wasm at p > 1)', tessera(fourLanes)],
      ['argon2id openpgp SIMD', openpgp(fourLanes, 'simd')],
      ['argon2id openpgp no-SIMD', openpgp(fourLanes, 'no-simd')],
      ['argon2 (native libargon2)', native(fourLanes)],
    ])),
    ...(await compare(oneLane, [
      ['hash-wasm', hashWasm(oneLane)],
      ['Tessera (core: libsodium.js at p = 1)', tessera(oneLane)],
      ['argon2id openpgp SIMD', openpgp(oneLane, 'simd')],
      ['libsodium crypto_pwhash', libsodium(oneLane)],
      ['argon2 (native libargon2)', native(oneLane)],
    ])),
  ];
}
