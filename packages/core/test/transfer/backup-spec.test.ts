import { hkdfSync } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from './helpers.ts';

// docs/import-export.md says its description of the backup file is enough for another tool to
// open one. This test is that other tool: it uses nothing from src/, only libsodium (Argon2id,
// XChaCha20-Poly1305) and node:crypto (HKDF-SHA256), and follows the document step by step.

const example = JSON.parse(fixtureText('tessera-backup-example.json')) as {
  password: string;
  content: string;
  fileHex: string;
  masterKeyHex: string;
  kekHex: string;
};
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const join = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

beforeAll(async () => {
  await sodium.ready;
});

describe('Tessera backup, read from the document alone', () => {
  it('opens the worked example with libsodium and node:crypto', () => {
    const file = Uint8Array.from(Buffer.from(example.fileHex, 'hex'));
    // Header: magic (12), version, kdf id, memoryKiB, iterations, parallelism (big endian), salt (16).
    expect(Buffer.from(file.subarray(0, 12)).toString('hex')).toBe('89544553534552410d0a1a0a');
    expect([file[12], file[13]]).toEqual([1, 1]);
    const view = new DataView(file.buffer);
    const [memoryKiB, iterations, parallelism] = [view.getUint32(14), view.getUint32(18), view.getUint32(22)];
    expect(parallelism).toBe(1); // libsodium's crypto_pwhash runs one lane
    const header = file.subarray(0, 42);
    const salt = file.subarray(26, 42);

    const masterKey = sodium.crypto_pwhash(
      32,
      ascii(example.password.normalize('NFKC')),
      salt,
      iterations,
      memoryKiB * 1024,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
    const kek = new Uint8Array(hkdfSync('sha256', masterKey, new Uint8Array(0), ascii('tessera v1 backup kek'), 32));
    expect(Buffer.from(masterKey).toString('hex')).toBe(example.masterKeyHex);
    expect(Buffer.from(kek).toString('hex')).toBe(example.kekHex);

    const wrapped = file.subarray(42, 42 + 73);
    expect(wrapped[0]).toBe(1);
    const fileKey = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      wrapped.subarray(25),
      join(Uint8Array.of(1), ascii('tessera v1 backup-key'), header),
      wrapped.subarray(1, 25),
      kek,
    );

    const sealed = file.subarray(42 + 73);
    expect(sealed[0]).toBe(1);
    const content = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.subarray(25),
      join(Uint8Array.of(1), ascii('tessera v1 backup'), header),
      sealed.subarray(1, 25),
      fileKey,
    );
    expect(new TextDecoder().decode(content)).toBe(example.content);
  });
});
