import { readFileSync } from 'node:fs';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toBase64url, toHex } from '../../src/crypto/bytes.ts';
import { sealEnvelopeWithNonce } from '../../src/crypto/envelope.ts';
import {
  createRecoveryKey,
  formatRecoveryKey,
  parseRecoveryKey,
  RECOVERY_SLOT_AAD,
  recoveryAuthKey,
  recoveryKek,
  unwrapVaultKeyWithRecovery,
  wrapVaultKeyForRecovery,
} from '../../src/crypto/recovery-key.ts';
import { splitMasterKey } from '../../src/crypto/keys.ts';
import { randomBytes } from '../../src/crypto/random.ts';
import { createVaultKey, unwrapVaultKey, VAULT_KEY_AAD } from '../../src/crypto/vault-key.ts';
import { ascii, expectCode, flipBit } from './helpers.ts';
import example from './vectors/recovery-key-example.json' with { type: 'json' };

describe('recovery key: written form', () => {
  it('is 16 fresh random bytes, written as 7 groups of 4 Crockford base32 characters', () => {
    const key = createRecoveryKey();
    expect(key).toHaveLength(16);
    expect(toHex(key)).not.toBe(toHex(createRecoveryKey()));
    expect(formatRecoveryKey(key)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
  });
  it('reads back as typed: any case, spaces or no hyphens, O for 0, I and L for 1', () => {
    for (let i = 0; i < 50; i++) {
      const key = createRecoveryKey();
      const written = formatRecoveryKey(key);
      expect(toHex(parseRecoveryKey(written))).toBe(toHex(key));
      expect(toHex(parseRecoveryKey(` ${written.toLowerCase().replace(/-/g, ' ')} `))).toBe(toHex(key));
      expect(toHex(parseRecoveryKey(written.replace(/0/g, 'o').replace(/1/g, 'l')))).toBe(toHex(key));
    }
  });
  it('says what is wrong with a mistyped key: length, a character never used, a failed check', () => {
    const written = example.written;
    expectCode('invalid-recovery-key', () => parseRecoveryKey(written.slice(0, -1)));
    expect(() => parseRecoveryKey(written.slice(0, -1))).toThrow('A recovery key has 28 characters; this has 27.');
    expect(() => parseRecoveryKey(`U${written.slice(1)}`)).toThrow('"U" is not used in recovery keys');
    // Every single-character change is caught by the 12-bit check (or is a different valid key
    // once in 4,096; none of these are).
    for (let at = 0; at < written.length; at++) {
      if (written[at] === '-') continue;
      const other = written[at] === 'A' ? 'B' : 'A';
      expectCode('invalid-recovery-key', () => parseRecoveryKey(written.slice(0, at) + other + written.slice(at + 1)));
    }
  });
});

describe('recovery slot', () => {
  const key = createRecoveryKey();
  it('wraps the vault key in 73 bytes and opens with the same recovery key only', () => {
    const vaultKey = createVaultKey();
    const slot = wrapVaultKeyForRecovery(key, vaultKey);
    expect(slot).toHaveLength(73);
    expect(toHex(unwrapVaultKeyWithRecovery(key, slot))).toBe(toHex(vaultKey));
    expectCode('wrong-recovery-key', () => unwrapVaultKeyWithRecovery(createRecoveryKey(), slot));
  });
  it('a flipped bit or truncation reads as wrong-recovery-key; an unknown version stays unsupported', () => {
    const slot = wrapVaultKeyForRecovery(key, createVaultKey());
    for (let bit = 8; bit < slot.length * 8; bit += 5)
      expectCode('wrong-recovery-key', () => unwrapVaultKeyWithRecovery(key, flipBit(slot, bit)));
    expectCode('wrong-recovery-key', () => unwrapVaultKeyWithRecovery(key, slot.subarray(0, 72)));
    expectCode('unsupported-version', () => unwrapVaultKeyWithRecovery(key, flipBit(slot, 1)));
  });
  it('is domain-separated from the password slot: neither opens as the other', () => {
    const vaultKey = createVaultKey();
    const kek = recoveryKek(key);
    // The same kek sealing under the password slot's label does not open as a recovery slot...
    const asPasswordSlot = sealEnvelopeWithNonce(kek, randomBytes(24), vaultKey, VAULT_KEY_AAD);
    expectCode('wrong-recovery-key', () => unwrapVaultKeyWithRecovery(key, asPasswordSlot));
    // ...and a recovery slot does not open as a password slot under the same kek.
    expectCode('wrong-password', () => unwrapVaultKey(kek, wrapVaultKeyForRecovery(key, vaultKey)));
    // The recovery keys differ from what a password would give for the same 32 input bytes.
    const padded = concatBytes(key, key);
    const fromPassword = splitMasterKey(padded);
    expect(toHex(kek)).not.toBe(toHex(fromPassword.kek));
    expect(toHex(recoveryAuthKey(key))).not.toBe(toHex(fromPassword.authKey));
    expect(toHex(recoveryAuthKey(key))).not.toBe(toHex(kek));
  });
  it('refuses keys of the wrong length', () => {
    expectCode('invalid-input', () => recoveryKek(new Uint8Array(15)));
    expectCode('invalid-input', () => wrapVaultKeyForRecovery(key, new Uint8Array(31)));
  });
});

describe('docs/vault-format.md recovery key example', () => {
  const recoveryKey = fromHex(example.recoveryKey);
  it('written form and its check', () => {
    expect(toHex(sha256(concatBytes(ascii('tessera v1 recovery check'), recoveryKey)))).toBe(example.checkDigest);
    expect(formatRecoveryKey(recoveryKey)).toBe(example.written);
    expect(toHex(parseRecoveryKey(example.written))).toBe(example.recoveryKey);
  });
  it('derived keys and what the server keeps', () => {
    expect(toHex(recoveryKek(recoveryKey))).toBe(example.recoveryKek);
    expect(toHex(recoveryAuthKey(recoveryKey))).toBe(example.recoveryAuthKey);
    expect(toHex(sha256(recoveryAuthKey(recoveryKey)))).toBe(example.recoveryAuthKeySha256);
  });
  it('slot bytes, opened by the code and by @noble/ciphers directly', () => {
    expect(toHex(RECOVERY_SLOT_AAD)).toBe(example.slotAad);
    const kek = fromHex(example.recoveryKek);
    expect(
      toHex(sealEnvelopeWithNonce(kek, fromHex(example.slotNonce), fromHex(example.vaultKey), RECOVERY_SLOT_AAD)),
    ).toBe(example.slot);
    const slot = fromHex(example.slot);
    expect(toHex(unwrapVaultKeyWithRecovery(recoveryKey, slot))).toBe(example.vaultKey);
    const direct = xchacha20poly1305(
      kek,
      slot.subarray(1, 25),
      concatBytes(Uint8Array.of(1), ascii('tessera v1 vault-key recovery')),
    );
    expect(toHex(direct.decrypt(slot.subarray(25)))).toBe(example.vaultKey);
  });
  it('the document quotes every value', () => {
    const doc = readFileSync(new URL('../../../../docs/vault-format.md', import.meta.url), 'utf8').replace(/\s+/g, '');
    for (const field of [
      'recoveryKey',
      'checkDigest',
      'written',
      'recoveryKek',
      'recoveryAuthKey',
      'recoveryAuthKeySha256',
      'slotAad',
      'slotNonce',
      'slot',
    ] as const) {
      expect(doc, `docs/vault-format.md should quote ${field}`).toContain(example[field]);
    }
  });
});

// docs/api.md, "Recovery key worked example": the same bytes as request bodies in base64url.
describe('docs/api.md recovery key example', () => {
  it('quotes the slot, the verifier and the proof as the API sends them', () => {
    const doc = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
    const password = JSON.parse(
      readFileSync(new URL('./vectors/vault-format-example.json', import.meta.url), 'utf8'),
    ) as Record<string, string>;
    const quoted = (name: string) => new RegExp(`"${name}": "([A-Za-z0-9_-]+)"`, 'g');
    const values = (name: string) => [...doc.matchAll(quoted(name))].map((m) => m[1]);
    expect(values('slot')).toContain(toBase64url(fromHex(example.slot)));
    expect(values('verifier')).toContain(toBase64url(fromHex(example.recoveryAuthKeySha256)));
    expect(values('recoveryAuthKey')).toContain(toBase64url(fromHex(example.recoveryAuthKey)));
    expect(toHex(sha256(fromHex(example.recoveryAuthKey)))).toBe(example.recoveryAuthKeySha256);
    expect(values('authKey')).toContain(toBase64url(fromHex(password.authKey as string)));
    expect(values('salt')).toContain(toBase64url(fromHex(password.salt as string)));
    expect(values('wrappedVaultKey')).toContain(toBase64url(fromHex(password.wrappedVaultKey as string)));
  });
});
