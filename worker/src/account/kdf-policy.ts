import { DEFAULT_KDF, type KdfParams } from '@tessera/core/crypto/kdf';
import { ApiError } from '../http/errors.ts';

// The one set of Argon2id parameters this server takes for a new account or a new password
// (docs/api.md, "Prelogin"). Prelogin must hand an unknown email parameters that look like a real
// account's; if accounts could pick their own, an account made under an older default, or with a
// client's own choice, would stand out from every unknown email. With one set, a known and an
// unknown email answer the same parameters. Raising the cost later means a new set here, a client
// that re-wraps at its next sign-in, and fake answers that switch once the old set is gone.
export const ACCEPTED_KDF: Readonly<KdfParams> = DEFAULT_KDF;

export function requireAcceptedKdf(kdf: KdfParams, field: string): void {
  const a = ACCEPTED_KDF;
  if (
    kdf.algorithm === a.algorithm &&
    kdf.memoryKiB === a.memoryKiB &&
    kdf.iterations === a.iterations &&
    kdf.parallelism === a.parallelism
  )
    return;
  throw new ApiError(
    'invalid-body',
    `${field}: this server takes only ${a.algorithm} with ${a.memoryKiB} KiB, ${a.iterations} iterations and ${a.parallelism} lanes, so that every account answers prelogin alike`,
  );
}
