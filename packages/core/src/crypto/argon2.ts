import { argon2id } from 'hash-wasm';
import { isBytes } from './bytes.ts';
import { CryptoError } from './errors.ts';

// The raw Argon2id primitive (RFC 9106, version 0x13) on hash-wasm, with only the limits of the
// algorithm itself. It applies no security policy: vault code calls deriveMasterKey in kdf.ts,
// which enforces Tessera's floor and ceiling. Kept apart so the reference vectors, which use
// parameters far below that floor, exercise the same call that vault unlocking makes.

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

// Compiles hash-wasm's Argon2 WebAssembly (it keeps the compiled module for later calls) with the
// smallest hash the RFC allows, so the next real derivation pays no compile: the crypto worker
// calls this when it starts, while the password is being typed. A failure shows at derivation.
export async function warmArgon2id(): Promise<void> {
  const bytes = new Uint8Array(8);
  await argon2idHash(Uint8Array.of(1), bytes, { memoryKiB: 8, iterations: 1, parallelism: 1 }, 4).catch(
    () => undefined,
  );
}

export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}
