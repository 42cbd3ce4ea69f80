// Checks every value of the worked example in docs/vault-format.md, step by step from the master
// key (the Argon2id step itself, at the default parameters, is in argon2.slow.test.ts), and that
// the document quotes exactly these values.
import { readFileSync } from 'node:fs';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex, utf8Decode } from '../../src/crypto/bytes.ts';
import { sealEnvelopeWithNonce } from '../../src/crypto/envelope.ts';
import { itemAad, openItem } from '../../src/crypto/item.ts';
import { DEFAULT_KDF, passwordBytes } from '../../src/crypto/kdf.ts';
import { splitMasterKey } from '../../src/crypto/keys.ts';
import { padPlaintext } from '../../src/crypto/padding.ts';
import { unwrapVaultKey, VAULT_KEY_AAD } from '../../src/crypto/vault-key.ts';
import { ascii } from './helpers.ts';
import example from './vectors/vault-format-example.json' with { type: 'json' };

describe('docs/vault-format.md worked example', () => {
  const masterKey = fromHex(example.masterKey);
  const { kek, authKey } = splitMasterKey(masterKey);

  it('inputs: NFKC UTF-8 password, 16-byte salt, default parameters', () => {
    expect(toHex(passwordBytes(example.password))).toBe(example.passwordUtf8);
    expect(fromHex(example.salt)).toHaveLength(16);
    expect(example.kdf).toEqual(DEFAULT_KDF);
  });
  it('kek, authKey and the SHA-256 the server stores', () => {
    expect(toHex(kek)).toBe(example.kek);
    expect(toHex(authKey)).toBe(example.authKey);
    expect(toHex(sha256(authKey))).toBe(example.authKeySha256);
  });
  it('wrapped vault key: bytes, and it opens with the kek', () => {
    expect(toHex(VAULT_KEY_AAD)).toBe(example.vaultKeyAad);
    const wrapped = fromHex(example.wrappedVaultKey);
    expect(
      toHex(sealEnvelopeWithNonce(kek, fromHex(example.wrapNonce), fromHex(example.vaultKey), VAULT_KEY_AAD)),
    ).toBe(example.wrappedVaultKey);
    expect(toHex(unwrapVaultKey(kek, wrapped))).toBe(example.vaultKey);
    const direct = xchacha20poly1305(
      kek,
      wrapped.subarray(1, 25),
      concatBytes(Uint8Array.of(1), ascii('tessera v1 vault-key')),
    );
    expect(toHex(direct.decrypt(wrapped.subarray(25)))).toBe(example.vaultKey);
  });
  it('item envelope: AAD, padding, bytes, and it opens to the record', () => {
    const vaultKey = fromHex(example.vaultKey);
    const aad = itemAad(example.vaultId, example.itemId);
    expect(toHex(aad)).toBe(example.itemAad);
    expect(toHex(padPlaintext(ascii(example.record)))).toBe(example.paddedRecord);
    const envelope = fromHex(example.itemEnvelope);
    expect(toHex(sealEnvelopeWithNonce(vaultKey, fromHex(example.itemNonce), fromHex(example.paddedRecord), aad))).toBe(
      example.itemEnvelope,
    );
    expect(utf8Decode(openItem(vaultKey, example.vaultId, example.itemId, envelope))).toBe(example.record);
    const direct = xchacha20poly1305(vaultKey, envelope.subarray(1, 25), concatBytes(Uint8Array.of(1), aad));
    expect(toHex(direct.decrypt(envelope.subarray(25)))).toBe(example.paddedRecord);
  });
  it('the document quotes every value', () => {
    const doc = readFileSync(new URL('../../../../docs/vault-format.md', import.meta.url), 'utf8').replace(/\s+/g, '');
    const quoted = [
      'passwordUtf8',
      'salt',
      'masterKey',
      'kek',
      'authKey',
      'authKeySha256',
      'vaultKey',
      'vaultKeyAad',
      'wrapNonce',
      'wrappedVaultKey',
      'vaultId',
      'itemId',
      'itemAad',
      'itemNonce',
      'itemEnvelope',
    ] as const;
    for (const field of quoted) expect(doc, `docs/vault-format.md should quote ${field}`).toContain(example[field]);
  });
});
