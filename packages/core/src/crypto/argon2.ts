import { argon2id } from 'hash-wasm';
import { isBytes } from './bytes.ts';
import { CryptoError } from './errors.ts';

// The raw Argon2id primitive (RFC 9106, version 0x13), with only the limits of the algorithm
// itself. It applies no security policy: vault code calls deriveMasterKey in kdf.ts, which
// enforces Tessera's floor and ceiling. Kept apart so the reference vectors, which use parameters
// far below that floor, exercise the same call that vault unlocking makes.
//
// Two engines, one output (docs/dependencies.md, "Argon2id engine"): libsodium.js computes one
// lane about 1.6 times as fast as hash-wasm in a browser, but its crypto_pwhash has no other
// lane count, a fixed 16-byte salt and a 16-byte minimum output. Every call that fits those
// limits goes to libsodium (the vault default is p = 1); the rest (vaults made at p = 4, the
// RFC vectors) go to hash-wasm. Tests check the two against each other byte for byte.

type Sodium = typeof import('libsodium-wrappers-sumo')['default'];
let sodium: Promise<Sodium> | null = null;

// Loaded on first use, not imported: 300 KB of WebAssembly that only the crypto and transfer
// workers (and the CLI) ever run, kept out of every bundle that merely reads KDF parameters.
function loadSodium(): Promise<Sodium> {
  sodium ??= import('libsodium-wrappers-sumo').then(async ({ default: lib }) => {
    await lib.ready;
    return lib;
  });
  return sodium;
}

const SODIUM_SALT_BYTES = 16;
const SODIUM_MIN_OUTPUT = 16;
// crypto_pwhash_argon2id_MEMLIMIT_MAX on 32-bit WebAssembly: 2 GiB.
const SODIUM_MAX_MEMORY_KIB = 2 * 1024 * 1024;

/** Which engine argon2idHash runs for these inputs: libsodium.js when they fit its limits. */
export function argon2idEngine(salt: Uint8Array, cost: Argon2Cost, length: number): 'libsodium' | 'hash-wasm' {
  return cost.parallelism === 1 &&
    cost.memoryKiB <= SODIUM_MAX_MEMORY_KIB &&
    salt.length === SODIUM_SALT_BYTES &&
    length >= SODIUM_MIN_OUTPUT
    ? 'libsodium'
    : 'hash-wasm';
}

export interface Argon2Cost {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

// RFC 9106 §3.1: parallelism 1..2^24-1, memory at least 8 blocks of 1 KiB per lane, passes at
// least 1, salt at least 8 bytes (16 recommended), tag at least 4 bytes. The upper bounds here
// are the RFC's; what a client will actually run is bounded by kdf.ts.
export async function argon2idHash(
  password: Uint8Array,
  salt: Uint8Array,
  cost: Argon2Cost,
  length = 32,
): Promise<Uint8Array> {
  // RFC 9106 allows an empty password, hash-wasm does not; Tessera never wants one.
  if (!isBytes(password) || password.length === 0)
    throw new CryptoError('invalid-input', 'Argon2id password must be non-empty bytes');
  if (!isBytes(salt) || salt.length < 8)
    throw new CryptoError('invalid-input', 'Argon2id salt must be at least 8 bytes');
  const { memoryKiB, iterations, parallelism } = cost;
  if (!isIntegerIn(parallelism, 1, 2 ** 24 - 1))
    throw new CryptoError('kdf-params', 'Argon2id parallelism out of range');
  if (!isIntegerIn(memoryKiB, 8 * parallelism, 2 ** 32 - 1))
    throw new CryptoError('kdf-params', 'Argon2id memory out of range');
  if (!isIntegerIn(iterations, 1, 2 ** 32 - 1)) throw new CryptoError('kdf-params', 'Argon2id iterations out of range');
  if (!isIntegerIn(length, 4, 2 ** 16)) throw new CryptoError('invalid-input', 'Argon2id output length out of range');
  try {
    if (argon2idEngine(salt, cost, length) === 'libsodium') {
      const lib = await loadSodium();
      // Memory in bytes; libsodium hands Argon2 memlimit / 1024 KiB, so this is exact.
      return lib.crypto_pwhash(length, password, salt, iterations, memoryKiB * 1024, lib.crypto_pwhash_ALG_ARGON2ID13);
    }
    return await argon2id({
      password,
      salt,
      iterations,
      parallelism,
      memorySize: memoryKiB,
      hashLength: length,
      outputType: 'binary',
    });
  } catch (e) {
    // Inputs are valid by now, so this is the platform refusing the work, typically a device that
    // cannot grow WebAssembly memory to memoryKiB.
    throw new CryptoError('kdf-failed', `Argon2id could not run: ${e instanceof Error ? e.message : String(e)}`);
  }
}

// Compiles both engines' WebAssembly (each keeps its compiled module for later calls) with the
// smallest hash each allows, so the next real derivation pays no compile: the crypto worker calls
// this when it starts, while the password is being typed. Given the cost the next derivation will
// have, it also runs one pass at that memory on the engine that derivation will use, so the
// engine's memory is already grown (64 MiB of fresh pages cost tens of ms to map). A failure
// shows at derivation.
export async function warmArgon2id(next?: Argon2Cost): Promise<void> {
  const cheapest = { memoryKiB: 8, iterations: 1, parallelism: 1 };
  const salt = new Uint8Array(SODIUM_SALT_BYTES);
  await Promise.all([
    argon2idHash(Uint8Array.of(1), new Uint8Array(8), cheapest, 4),
    argon2idHash(Uint8Array.of(1), salt, cheapest, SODIUM_MIN_OUTPUT),
  ]).catch(() => undefined);
  if (next) await argon2idHash(Uint8Array.of(1), salt, { ...next, iterations: 1 }, 32).catch(() => undefined);
}

export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}
