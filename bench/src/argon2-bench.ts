import argon2 from 'argon2';
import sodium from 'libsodium-wrappers-sumo';
import { argon2idHash, type Argon2Cost } from '@tessera/core/crypto/argon2';
import { DEFAULT_KDF, passwordBytes } from '@tessera/core/crypto/kdf';
import { medianMs, type Row, sameBytes } from './measure.ts';

const RUNS = 3;
const password = passwordBytes('correct horse battery staple');
const salt = Uint8Array.from({ length: 16 }, (_, i) => i);

const hashWasm = (cost: Argon2Cost) => () => argon2idHash(password, salt, cost, 32);
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
// libsodium's crypto_pwhash takes memory in bytes and always runs one lane (p = 1).
const libsodium = (cost: Argon2Cost) => () =>
  sodium.crypto_pwhash(32, password, salt, cost.iterations, cost.memoryKiB * 1024, sodium.crypto_pwhash_ALG_ARGON2ID13);

function describe(cost: Argon2Cost): string {
  return `m=${cost.memoryKiB / 1024} MiB t=${cost.iterations} p=${cost.parallelism}`;
}

async function compare(
  cost: Argon2Cost,
  implementations: [string, () => Promise<Uint8Array> | Uint8Array][],
): Promise<Row[]> {
  const outputs = await Promise.all(implementations.map(([, run]) => run()));
  sameBytes(`Argon2id ${describe(cost)}`, outputs);
  const rows: Row[] = [];
  for (const [name, run] of implementations) {
    rows.push({ task: 'Argon2id', implementation: name, params: describe(cost), ms: await medianMs(RUNS, run) });
  }
  const nativeMs = rows.find((r) => r.implementation.startsWith('argon2 (native'))?.ms ?? Number.NaN;
  for (const row of rows) row.ratio = `${(row.ms / nativeMs).toFixed(2)}x`;
  return rows;
}

export async function argon2Rows(): Promise<Row[]> {
  await sodium.ready;
  const defaults: Argon2Cost = DEFAULT_KDF;
  const oneLane: Argon2Cost = { ...DEFAULT_KDF, parallelism: 1 };
  return [
    ...(await compare(defaults, [
      ['hash-wasm (Tessera)', hashWasm(defaults)],
      ['argon2 (native libargon2)', native(defaults)],
    ])),
    ...(await compare(oneLane, [
      ['hash-wasm (Tessera)', hashWasm(oneLane)],
      ['argon2 (native libargon2)', native(oneLane)],
      ['libsodium crypto_pwhash', libsodium(oneLane)],
    ])),
  ];
}
