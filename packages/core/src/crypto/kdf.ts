import { argon2idHash, isIntegerIn } from './argon2.ts';
import { isBytes, utf8Encode, wipe } from './bytes.ts';
import { CryptoError } from './errors.ts';
import { randomBytes } from './random.ts';

export interface KdfParams {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

// Parameters are stored with the vault and come back from the server at sign-in, so a client
// must not trust them. The floor is OWASP's minimum for Argon2id (19 MiB, t = 2): below it a
// hostile or buggy server could make a client derive a cheaply guessable key. The ceiling keeps
// a hostile server from making a phone allocate more than 1 GiB or spin for minutes.
export const KDF_LIMITS = Object.freeze({
  minMemoryKiB: 19 * 1024,
  maxMemoryKiB: 1024 * 1024,
  minIterations: 2,
  maxIterations: 10,
  minParallelism: 1,
  maxParallelism: 16,
});

// 64 MiB, t = 3: RFC 9106 §4's second recommended option. One lane (p = 1): a browser computes
// Argon2id's lanes one after another, so four lanes cost the same work as one for the user and
// for an attacker alike, and one lane lets libsodium.js derive it (about 1.6 times as fast as any
// engine that takes p > 1). Vaults made at p = 4 keep opening. Why, and the timings:
// docs/vault-format.md, "The default cost".
export const DEFAULT_KDF: Readonly<KdfParams> = Object.freeze({
  algorithm: 'argon2id',
  memoryKiB: 64 * 1024,
  iterations: 3,
  parallelism: 1,
});

export const SALT_LENGTH = 16;
export const MASTER_KEY_LENGTH = 32;

export function checkKdfParams(params: unknown): KdfParams {
  if (typeof params !== 'object' || params === null) {
    throw new CryptoError('kdf-params', 'KDF parameters must be an object');
  }
  const { algorithm, memoryKiB, iterations, parallelism } = params as Record<string, unknown>;
  const L = KDF_LIMITS;
  if (algorithm !== 'argon2id') throw new CryptoError('kdf-params', 'Unsupported KDF algorithm (only argon2id)');
  if (!isIntegerIn(memoryKiB, L.minMemoryKiB, L.maxMemoryKiB)) {
    throw new CryptoError(
      'kdf-params',
      `KDF memory must be an integer from ${L.minMemoryKiB} to ${L.maxMemoryKiB} KiB`,
    );
  }
  if (!isIntegerIn(iterations, L.minIterations, L.maxIterations)) {
    throw new CryptoError(
      'kdf-params',
      `KDF iterations must be an integer from ${L.minIterations} to ${L.maxIterations}`,
    );
  }
  if (!isIntegerIn(parallelism, L.minParallelism, L.maxParallelism)) {
    throw new CryptoError(
      'kdf-params',
      `KDF parallelism must be an integer from ${L.minParallelism} to ${L.maxParallelism}`,
    );
  }
  return { algorithm, memoryKiB, iterations, parallelism };
}

export function createSalt(): Uint8Array {
  return randomBytes(SALT_LENGTH);
}

// NFKC first, so the same password typed on two keyboards (composed "é" or "e" + combining
// accent, full-width digits) gives the same key.
export function passwordBytes(password: string): Uint8Array {
  if (typeof password !== 'string' || password.length === 0)
    throw new CryptoError('invalid-input', 'Password must be a non-empty string');
  return utf8Encode(password.normalize('NFKC'));
}

// Neither engine reports progress from inside Argon2, so onProgress is told 0 when the work starts
// and 1 when it ends; the UI runs this in a Web Worker and shows an indeterminate spinner.
export async function deriveMasterKey(
  password: string,
  salt: Uint8Array,
  params: KdfParams,
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  const checked = checkKdfParams(params);
  if (!isBytes(salt) || salt.length !== SALT_LENGTH) {
    throw new CryptoError('invalid-input', `Salt must be ${SALT_LENGTH} bytes`);
  }
  const secret = passwordBytes(password);
  onProgress?.(0);
  try {
    const masterKey = await argon2idHash(secret, salt, checked, MASTER_KEY_LENGTH);
    onProgress?.(1);
    return masterKey;
  } finally {
    wipe(secret);
  }
}
