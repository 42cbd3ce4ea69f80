import { createSignal, type Accessor } from 'solid-js';
import { wipe } from '@tessera/core/crypto/bytes';
import {
  createPasskeySalt,
  PRF_OUTPUT_LENGTH,
  unwrapVaultKeyWithPasskey,
  wrapVaultKeyForPasskey,
} from '@tessera/core/crypto/passkey-slot';
import { randomBytes } from '@tessera/core/crypto/random';
import { unwrapVaultKey } from '@tessera/core/crypto/vault-key';
import { TesseraError } from '@tessera/core/errors';
import { forgetKeys, passwordKeys } from './account-keys.ts';
import type { CryptoClient } from './crypto-client.ts';
import type { PasskeySlotRow, TesseraDb } from './db.ts';
import type { Session } from './session.ts';
import { VaultError } from './vault-errors.ts';

// Passkey unlock (docs/web.md, "Passkey unlock"; the slot in docs/vault-format.md): the WebAuthn
// PRF extension gives 32 bytes that only this device's authenticator can compute, and only after
// the user's biometrics or PIN; a key derived from them wraps the vault key in a slot kept on
// this device. The master password keeps working; it is asked for to set a passkey up.

export type PasskeyErrorCode =
  | 'passkey-unsupported' // this browser has no WebAuthn
  | 'passkey-no-prf' // the passkey was made (or asked) but gave no PRF output
  | 'passkey-cancelled' // the user closed the prompt, it timed out, or the device did not verify them
  | 'passkey-address' // WebAuthn refuses this page's address (an IP address is no RP ID)
  | 'passkey-failed' // anything else the browser or authenticator reported
  | 'no-passkey'; // unlock with a passkey was asked for, but this vault has no passkey slot

export class PasskeyError extends TesseraError {
  declare readonly code: PasskeyErrorCode;
  constructor(code: PasskeyErrorCode, message: string) {
    super(code, message);
    this.name = 'PasskeyError';
  }
}

/** `navigator.credentials` as far as this service needs it; a test passes its own. */
export interface WebAuthnPort {
  create(options: CredentialCreationOptions): Promise<Credential | null>;
  get(options: CredentialRequestOptions): Promise<Credential | null>;
}

export interface PasskeyStatus {
  createdAt: number;
}

export interface PasskeyService {
  /** False where the browser has no WebAuthn at all (the screens say so and offer nothing). */
  supported: boolean;
  /** The slot's date, or null when this vault has no passkey on this device. */
  status: Accessor<PasskeyStatus | null>;
  /**
   * The master password opens the vault key (proving the owner), then the browser makes a
   * passkey with the PRF extension, and its output wraps the vault key in the passkey slot.
   * An older slot is replaced. `onStep` says which of the two is running.
   */
  register(password: string, onStep?: (step: 'password' | 'passkey') => void): Promise<void>;
  /** Asks the passkey (biometrics or PIN) and opens the vault with the key its slot holds. */
  unlock(): Promise<void>;
  /** Deletes the slot; the credential stays on the device but opens nothing. */
  remove(): Promise<void>;
  refresh(): Promise<void>;
}

const TIMEOUT_MS = 120_000;

/** The browser's WebAuthn, or null when there is none. */
export function browserWebAuthn(): WebAuthnPort | null {
  if (typeof PublicKeyCredential !== 'function' || typeof navigator === 'undefined' || !navigator.credentials)
    return null;
  return {
    create: (options) => navigator.credentials.create(options),
    get: (options) => navigator.credentials.get(options),
  };
}

// The browser's answers name DOMExceptions; each becomes a code the screens have words for.
async function ask<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const name = error instanceof Error || error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'AbortError')
      throw new PasskeyError('passkey-cancelled', 'The passkey prompt was cancelled or timed out.');
    if (name === 'SecurityError')
      throw new PasskeyError('passkey-address', 'The browser does not allow passkeys at this address.');
    if (name === 'NotSupportedError')
      throw new PasskeyError('passkey-unsupported', 'This device has no authenticator that can make this passkey.');
    throw new PasskeyError(
      'passkey-failed',
      `The passkey did not answer: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The PRF output of a WebAuthn answer, copied out (and the browser's buffer zeroed), or null. */
function prfOutput(credential: Credential | null): Uint8Array | null {
  if (!credential || !(credential instanceof Object) || !('getClientExtensionResults' in credential)) return null;
  const results = (credential as PublicKeyCredential).getClientExtensionResults().prf?.results?.first;
  if (!results) return null;
  const view = ArrayBuffer.isView(results)
    ? new Uint8Array(results.buffer, results.byteOffset, results.byteLength)
    : new Uint8Array(results);
  if (view.length !== PRF_OUTPUT_LENGTH) return null;
  const copy = view.slice();
  view.fill(0);
  return copy;
}

/** A copy on a plain ArrayBuffer, as WebAuthn's BufferSource wants (none of these are secret). */
const buffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

function requestOptions(row: Pick<PasskeySlotRow, 'credentialId' | 'salt'>): CredentialRequestOptions {
  return {
    publicKey: {
      // No server checks an assertion here: what protects the slot is the PRF output, which
      // the authenticator computes only for this credential, after verifying the user.
      challenge: buffer(randomBytes(32)),
      allowCredentials: [{ type: 'public-key', id: buffer(row.credentialId) }],
      // Required, not preferred: CTAP2's hmac-secret gives another output without user
      // verification, so a prompt that skipped it could not open the slot anyway.
      userVerification: 'required',
      timeout: TIMEOUT_MS,
      extensions: { prf: { eval: { first: buffer(row.salt) } } },
    },
  };
}

export async function createPasskeyUnlock(
  db: TesseraDb,
  crypto: CryptoClient,
  session: Session,
  webauthn: WebAuthnPort | null = browserWebAuthn(),
): Promise<PasskeyService> {
  const [status, setStatus] = createSignal<PasskeyStatus | null>(null);

  const refresh = async () => {
    const row = (await db.meta.get('vault'))?.passkey;
    setStatus(row ? { createdAt: row.createdAt } : null);
  };

  const port = (): WebAuthnPort => {
    if (!webauthn) throw new PasskeyError('passkey-unsupported', 'This browser does not support passkeys.');
    return webauthn;
  };

  const makeSlot = async (vaultKey: Uint8Array): Promise<PasskeySlotRow> => {
    const salt = createPasskeySalt();
    const created = await ask(() =>
      port().create({
        publicKey: {
          // No rp.id: the page's own host, the only one it may claim.
          rp: { name: 'Tessera' },
          user: { id: buffer(randomBytes(16)), name: 'Tessera vault', displayName: 'Tessera vault' },
          challenge: buffer(randomBytes(32)),
          pubKeyCredParams: [
            { type: 'public-key', alg: -7 },
            { type: 'public-key', alg: -8 },
            { type: 'public-key', alg: -257 },
          ],
          authenticatorSelection: { userVerification: 'required', residentKey: 'preferred' },
          attestation: 'none',
          timeout: TIMEOUT_MS,
          extensions: { prf: { eval: { first: buffer(salt) } } },
        },
      }),
    );
    if (!created || !('rawId' in created)) throw new PasskeyError('passkey-failed', 'The browser made no passkey.');
    const credentialId = new Uint8Array((created as PublicKeyCredential).rawId).slice();
    let prf = prfOutput(created);
    if (!prf) {
      // Some authenticators support the PRF but compute it only when asked to sign in, not while
      // the passkey is made: `enabled` says so, and one more prompt gets the output.
      if ((created as PublicKeyCredential).getClientExtensionResults().prf?.enabled !== true)
        throw new PasskeyError('passkey-no-prf', 'This passkey cannot give Tessera a key (no PRF extension).');
      prf = prfOutput(await ask(() => port().get(requestOptions({ credentialId, salt }))));
      if (!prf) throw new PasskeyError('passkey-no-prf', 'This passkey cannot give Tessera a key (no PRF extension).');
    }
    try {
      return { credentialId, salt, slot: wrapVaultKeyForPasskey(prf, salt, vaultKey), createdAt: Date.now() };
    } finally {
      wipe(prf);
    }
  };

  await refresh();
  return {
    supported: webauthn !== null,
    status,
    async register(password, onStep) {
      port();
      const meta = await db.meta.get('vault');
      if (!meta) throw new VaultError('no-vault', 'There is no vault on this device.');
      onStep?.('password');
      const keys = await passwordKeys(crypto, password, meta.salt, meta.kdf);
      let vaultKey: Uint8Array;
      try {
        vaultKey = unwrapVaultKey(keys.kek, meta.wrappedVaultKey);
      } finally {
        forgetKeys(keys);
      }
      try {
        onStep?.('passkey');
        const passkey = await makeSlot(vaultKey);
        await db.meta.update('vault', { passkey });
      } finally {
        wipe(vaultKey);
      }
      await refresh();
    },
    async unlock() {
      const row = (await db.meta.get('vault'))?.passkey;
      if (!row) throw new PasskeyError('no-passkey', 'This vault has no passkey on this device.');
      const prf = prfOutput(await ask(() => port().get(requestOptions(row))));
      if (!prf) throw new PasskeyError('passkey-no-prf', 'The passkey gave no PRF output.');
      let vaultKey: Uint8Array;
      try {
        vaultKey = unwrapVaultKeyWithPasskey(prf, row.salt, row.slot);
      } finally {
        wipe(prf);
      }
      await session.enterWithKey(vaultKey);
    },
    async remove() {
      await db.meta.update('vault', { passkey: null });
      await refresh();
    },
    refresh,
  };
}
