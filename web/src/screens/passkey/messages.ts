import { TesseraError } from '@tessera/core/errors';
import type { PasskeyErrorCode } from '../../services/passkey.ts';

// Words for every passkey failure, once for setting one up and once for unlocking (the
// compiler checks that every code has both).
type Code = PasskeyErrorCode | 'wrong-passkey' | 'wrong-password';

const ADDRESS =
  'Passkeys work only when Tessera is opened at a domain name (such as localhost or your own Tessera address), not at an IP address such as 127.0.0.1.';

export const REGISTER_MESSAGES: Record<Code, string> = {
  'passkey-unsupported': 'This browser does not support passkeys. Unlock with your master password.',
  'passkey-no-prf':
    'A passkey was made, but this browser or authenticator cannot give Tessera a key with it (the WebAuthn PRF extension), so it cannot unlock the vault. Nothing was changed here; you can delete that passkey in your device’s passkey settings.',
  'passkey-cancelled': 'Setting up the passkey was cancelled or timed out. Nothing was changed.',
  'passkey-address': `${ADDRESS} Nothing was changed.`,
  'passkey-failed': 'The passkey could not be made. Nothing was changed.',
  'no-passkey': 'This vault has no passkey on this device.',
  'wrong-passkey': 'This passkey does not open this vault.',
  'wrong-password': 'Wrong master password.',
};

export const UNLOCK_MESSAGES: Record<Code, string> = {
  'passkey-unsupported': 'This browser does not support passkeys. Enter your master password.',
  'passkey-no-prf':
    'The passkey gave Tessera no key. Enter your master password, then set up the passkey again in Settings.',
  'passkey-cancelled':
    'Unlocking with the passkey was cancelled or timed out, or the passkey is no longer on this device. Enter your master password, or try again.',
  'passkey-address': ADDRESS,
  'passkey-failed': 'The passkey did not answer. Enter your master password, or try again.',
  'no-passkey': 'This vault has no passkey on this device. Enter your master password.',
  'wrong-passkey': 'This passkey does not open this vault (it was replaced by another). Enter your master password.',
  'wrong-password': 'Wrong master password.',
};

export function passkeyMessage(table: Record<Code, string>, failure: unknown): string {
  if (failure instanceof TesseraError && failure.code in table) {
    const words = table[failure.code as Code];
    // An unexpected browser error keeps its own words after ours.
    return failure.code === 'passkey-failed' ? `${words} (${failure.message})` : words;
  }
  return failure instanceof Error ? failure.message : String(failure);
}
