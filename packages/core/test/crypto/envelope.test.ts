import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, toHex } from '../../src/crypto/bytes.ts';
import { ENVELOPE_OVERHEAD, openEnvelope, sealEnvelope, sealEnvelopeWithNonce } from '../../src/crypto/envelope.ts';
import { randomBytes } from '../../src/crypto/random.ts';
import { ascii, expectCode, flipBit } from './helpers.ts';

const key = Uint8Array.from({ length: 32 }, (_, i) => i);
const aad = ascii('tessera test aad');
const plaintext = ascii('sixteen bytes!!!');

describe('envelope layout', () => {
  it('is version 0x01 || nonce (24) || ciphertext || tag (16), with version || aad as the AEAD associated data', () => {
    const nonce = Uint8Array.from({ length: 24 }, (_, i) => 0x40 + i);
    const envelope = sealEnvelopeWithNonce(key, nonce, plaintext, aad);
    expect(envelope).toHaveLength(1 + 24 + plaintext.length + 16);
    expect(ENVELOPE_OVERHEAD).toBe(41);
    expect(envelope[0]).toBe(0x01);
    expect(toHex(envelope.subarray(1, 25))).toBe(toHex(nonce));
    const direct = xchacha20poly1305(key, nonce, concatBytes(Uint8Array.of(0x01), aad)).encrypt(plaintext);
    expect(toHex(envelope.subarray(25))).toBe(toHex(direct));
  });
  it('draws a fresh nonce for every seal', () => {
    const a = sealEnvelope(key, plaintext, aad);
    const b = sealEnvelope(key, plaintext, aad);
    expect(toHex(a.subarray(1, 25))).not.toBe(toHex(b.subarray(1, 25)));
    expect(toHex(openEnvelope(key, a, aad))).toBe(toHex(plaintext));
    expect(toHex(openEnvelope(key, b, aad))).toBe(toHex(plaintext));
  });
});

describe('openEnvelope fails closed', () => {
  const envelope = sealEnvelope(key, plaintext, aad);

  it('round-trips empty and large plaintexts', () => {
    for (const size of [0, 1, 4096, 70_000]) {
      const data = size <= 65_536 ? randomBytes(size) : concatBytes(randomBytes(65_536), randomBytes(size - 65_536));
      expect(toHex(openEnvelope(key, sealEnvelope(key, data, aad), aad))).toBe(toHex(data));
    }
  });
  it('wrong key or wrong AAD does not authenticate', () => {
    expectCode('does-not-authenticate', () => openEnvelope(randomBytes(32), envelope, aad));
    expectCode('does-not-authenticate', () => openEnvelope(key, envelope, ascii('tessera test aae')));
    expectCode('does-not-authenticate', () => openEnvelope(key, envelope, new Uint8Array(0)));
  });
  it('every flipped bit fails: in the version byte as unsupported-version, anywhere else as does-not-authenticate', () => {
    for (let bit = 0; bit < envelope.length * 8; bit++) {
      expectCode(bit < 8 ? 'unsupported-version' : 'does-not-authenticate', () =>
        openEnvelope(key, flipBit(envelope, bit), aad),
      );
    }
  });
  it('every truncation fails, and so does an appended byte', () => {
    expectCode('malformed', () => openEnvelope(key, envelope.subarray(0, 0), aad));
    for (let length = 1; length < envelope.length; length++) {
      expectCode('does-not-authenticate', () => openEnvelope(key, envelope.subarray(0, length), aad));
    }
    expectCode('does-not-authenticate', () => openEnvelope(key, concatBytes(envelope, Uint8Array.of(0)), aad));
  });
  it('authenticates the version byte: a v1 header over a body sealed without it does not open', () => {
    const nonce = envelope.subarray(1, 25);
    const unbound = xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
    expectCode('does-not-authenticate', () => openEnvelope(key, concatBytes(Uint8Array.of(0x01), nonce, unbound), aad));
  });
  it('refuses unknown versions before trying to authenticate', () => {
    for (const version of [0x00, 0x02, 0xff]) {
      expectCode('unsupported-version', () =>
        openEnvelope(key, concatBytes(Uint8Array.of(version), envelope.subarray(1)), aad),
      );
    }
  });
  it('refuses bad arguments with typed errors', () => {
    expectCode('malformed', () => openEnvelope(key, 'envelope' as unknown as Uint8Array, aad));
    expectCode('invalid-input', () => openEnvelope(new Uint8Array(31), envelope, aad));
    expectCode('invalid-input', () => sealEnvelope(key, plaintext, 'aad' as unknown as Uint8Array));
    expectCode('invalid-input', () => sealEnvelopeWithNonce(key, new Uint8Array(12), plaintext, aad));
  });
});
