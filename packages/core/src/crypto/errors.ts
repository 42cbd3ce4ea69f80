import { TesseraError } from '../errors.ts';

// Stable codes: the UI, the CLI and the worker branch on them, so renaming one is a breaking change.
export type CryptoErrorCode =
  | 'kdf-params' // stored or requested Argon2id parameters outside the floor/ceiling, or not a parameter object
  | 'kdf-failed' // valid parameters that this device could not run (e.g. not enough memory)
  | 'invalid-input' // wrong type or length of a key, salt, nonce, id or size argument
  | 'invalid-encoding' // text that is not valid hex or base64url
  | 'malformed' // an envelope that is not bytes or is empty
  | 'unsupported-version' // an envelope whose version byte this client does not know
  | 'does-not-authenticate' // wrong key, wrong AAD, truncated or altered envelope
  | 'bad-padding' // authenticated plaintext whose padding is not ISO/IEC 7816-4
  | 'wrong-password' // the wrapped vault key does not open with this kek
  | 'corrupt-vault-key' // the wrapped vault key opened but is not 32 bytes
  | 'corrupt-item' // an item envelope that does not open for this vault key, vault id and item id
  | 'invalid-recovery-key' // text that is not a recovery key: wrong length, a character outside Crockford base32, or a failed check
  | 'wrong-recovery-key' // a well-formed recovery key that does not open this vault's recovery slot
  | 'wrong-passkey'; // a passkey's PRF output that does not open this vault's passkey slot

export class CryptoError extends TesseraError {
  declare readonly code: CryptoErrorCode;
  constructor(code: CryptoErrorCode, message: string) {
    super(code, message);
    this.name = 'CryptoError';
  }
}
