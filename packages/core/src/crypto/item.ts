import { concatBytes, utf8Encode, wipe } from './bytes.ts';
import { openEnvelope, sealEnvelope } from './envelope.ts';
import { CryptoError } from './errors.ts';
import { padPlaintext, unpadPlaintext } from './padding.ts';

const ITEM_LABEL = utf8Encode('tessera v1 item ');
const MAX_ID_BYTES = 255;

function encodeId(name: string, id: string): Uint8Array {
  if (typeof id !== 'string') throw new CryptoError('invalid-input', `${name} must be a string`);
  const bytes = utf8Encode(id);
  if (bytes.length === 0 || bytes.length > MAX_ID_BYTES) {
    throw new CryptoError('invalid-input', `${name} must be 1 to ${MAX_ID_BYTES} bytes of UTF-8`);
  }
  return bytes;
}

// AAD = "tessera v1 item " || len(vaultId) || vaultId || len(itemId) || itemId, each length one
// byte. The length prefixes make the encoding injective: ("ab", "c") and ("a", "bc") give
// different AADs, so the server cannot move a blob to another item or vault by choosing ids that
// concatenate to the same bytes.
export function itemAad(vaultId: string, itemId: string): Uint8Array {
  const vault = encodeId('vaultId', vaultId);
  const item = encodeId('itemId', itemId);
  return concatBytes(ITEM_LABEL, Uint8Array.of(vault.length), vault, Uint8Array.of(item.length), item);
}

export function sealItem(vaultKey: Uint8Array, vaultId: string, itemId: string, plaintext: Uint8Array): Uint8Array {
  const aad = itemAad(vaultId, itemId);
  const padded = padPlaintext(plaintext);
  try {
    return sealEnvelope(vaultKey, padded, aad);
  } finally {
    wipe(padded);
  }
}

// Every way an item can fail to open for this key and these ids is 'corrupt-item', except an
// envelope from a newer format, which says 'unsupported-version' so the app can ask for an update
// instead of calling the data broken.
export function openItem(vaultKey: Uint8Array, vaultId: string, itemId: string, envelope: Uint8Array): Uint8Array {
  const aad = itemAad(vaultId, itemId);
  let padded: Uint8Array;
  try {
    padded = openEnvelope(vaultKey, envelope, aad);
  } catch (e) {
    if (e instanceof CryptoError && (e.code === 'does-not-authenticate' || e.code === 'malformed')) {
      throw new CryptoError('corrupt-item', `Item ${itemId} does not open with this vault key`);
    }
    throw e;
  }
  try {
    return unpadPlaintext(padded);
  } catch {
    throw new CryptoError('corrupt-item', `Item ${itemId} has bad padding`);
  } finally {
    wipe(padded);
  }
}
