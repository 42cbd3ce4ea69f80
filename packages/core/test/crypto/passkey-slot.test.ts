import { readFileSync } from 'node:fs';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex } from '../../src/crypto/bytes.ts';
import { sealEnvelopeWithNonce } from '../../src/crypto/envelope.ts';
import {
  createPasskeySalt,
  PASSKEY_SLOT_AAD,
  passkeyKek,
  unwrapVaultKeyWithPasskey,
  wrapVaultKeyForPasskey,
} from '../../src/crypto/passkey-slot.ts';
import { RECOVERY_SLOT_AAD, recoveryKek, unwrapVaultKeyWithRecovery } from '../../src/crypto/recovery-key.ts';
import { randomBytes } from '../../src/crypto/random.ts';
import { createVaultKey, unwrapVaultKey, VAULT_KEY_AAD } from '../../src/crypto/vault-key.ts';
import { ascii, expectCode, flipBit } from './helpers.ts';
import example from './vectors/passkey-slot-example.json' with { type: 'json' };

describe('passkey slot', () => {
  const prf = randomBytes(32);
  const salt = createPasskeySalt();
  it('wraps the vault key in 73 bytes that open with the same PRF output and salt only', () => {
    const vaultKey = createVaultKey();
    const slot = wrapVaultKeyForPasskey(prf, salt, vaultKey);
    expect(slot).toHaveLength(73);
    expect(toHex(unwrapVaultKeyWithPasskey(prf, salt, slot))).toBe(toHex(vaultKey));
    expectCode('wrong-passkey', () => unwrapVaultKeyWithPasskey(randomBytes(32), salt, slot));
    // The same credential registered again answers with the same PRF for the old salt only.
    expectCode('wrong-passkey', () => unwrapVaultKeyWithPasskey(prf, createPasskeySalt(), slot));
  });
  it('a flipped bit or truncation reads as wrong-passkey; an unknown version stays unsupported', () => {
    const slot = wrapVaultKeyForPasskey(prf, salt, createVaultKey());
    for (let bit = 8; bit < slot.length * 8; bit += 5)
      expectCode('wrong-passkey', () => unwrapVaultKeyWithPasskey(prf, salt, flipBit(slot, bit)));
    expectCode('wrong-passkey', () => unwrapVaultKeyWithPasskey(prf, salt, slot.subarray(0, 72)));
    expectCode('unsupported-version', () => unwrapVaultKeyWithPasskey(prf, salt, flipBit(slot, 1)));
  });
  it('is domain-separated from the password and recovery slots: none opens as another', () => {
    const vaultKey = createVaultKey();
    const kek = passkeyKek(prf, salt);
    const asPasswordSlot = sealEnvelopeWithNonce(kek, randomBytes(24), vaultKey, VAULT_KEY_AAD);
    const asRecoverySlot = sealEnvelopeWithNonce(kek, randomBytes(24), vaultKey, RECOVERY_SLOT_AAD);
    expectCode('wrong-passkey', () => unwrapVaultKeyWithPasskey(prf, salt, asPasswordSlot));
    expectCode('wrong-passkey', () => unwrapVaultKeyWithPasskey(prf, salt, asRecoverySlot));
    const slot = wrapVaultKeyForPasskey(prf, salt, vaultKey);
    expectCode('wrong-password', () => unwrapVaultKey(kek, slot));
    // A recovery key made of the PRF's first 16 bytes derives another kek and opens nothing.
    expect(toHex(recoveryKek(prf.subarray(0, 16)))).not.toBe(toHex(kek));
    expectCode('wrong-recovery-key', () => unwrapVaultKeyWithRecovery(prf.subarray(0, 16), slot));
  });
  it('refuses inputs of the wrong length', () => {
    expectCode('invalid-input', () => passkeyKek(new Uint8Array(31), salt));
    expectCode('invalid-input', () => passkeyKek(prf, new Uint8Array(16)));
    expectCode('invalid-input', () => wrapVaultKeyForPasskey(prf, salt, new Uint8Array(31)));
  });
});

describe('docs/vault-format.md passkey slot example', () => {
  const prfOutput = fromHex(example.prfOutput);
  const salt = fromHex(example.salt);
  it('the PRF input the browser sends, and the kek by the code and by @noble/hashes directly', () => {
    expect(toHex(sha256(concatBytes(ascii('WebAuthn PRF'), Uint8Array.of(0), salt)))).toBe(example.hmacSecretSalt);
    expect(toHex(passkeyKek(prfOutput, salt))).toBe(example.passkeyKek);
    expect(toHex(hkdf(sha256, prfOutput, salt, ascii('tessera v1 passkey kek'), 32))).toBe(example.passkeyKek);
  });
  it('slot bytes, opened by the code and by @noble/ciphers directly', () => {
    expect(toHex(PASSKEY_SLOT_AAD)).toBe(example.slotAad);
    const kek = fromHex(example.passkeyKek);
    expect(
      toHex(sealEnvelopeWithNonce(kek, fromHex(example.slotNonce), fromHex(example.vaultKey), PASSKEY_SLOT_AAD)),
    ).toBe(example.slot);
    const slot = fromHex(example.slot);
    expect(toHex(unwrapVaultKeyWithPasskey(prfOutput, salt, slot))).toBe(example.vaultKey);
    const direct = xchacha20poly1305(
      kek,
      slot.subarray(1, 25),
      concatBytes(Uint8Array.of(1), ascii('tessera v1 vault-key passkey')),
    );
    expect(toHex(direct.decrypt(slot.subarray(25)))).toBe(example.vaultKey);
  });
  it('the document quotes every value', () => {
    const doc = readFileSync(new URL('../../../../docs/vault-format.md', import.meta.url), 'utf8').replace(/\s+/g, '');
    for (const field of [
      'salt',
      'hmacSecretSalt',
      'prfOutput',
      'passkeyKek',
      'slotAad',
      'slotNonce',
      'slot',
    ] as const) {
      expect(doc, `docs/vault-format.md should quote ${field}`).toContain(example[field]);
    }
  });
});
