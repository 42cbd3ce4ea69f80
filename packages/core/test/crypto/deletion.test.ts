import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8Encode } from '../../src/crypto/bytes.ts';
import { DELETION_INFO, deletionHash, deletionSecret, verifyDeletionProof } from '../../src/crypto/deletion.ts';
import { expectCode } from './helpers.ts';
import example from './vectors/deletion-proof-example.json' with { type: 'json' };

// An implementation independent of @noble/hashes: the platform's Web Crypto.
async function webCrypto(vaultKey: Uint8Array, info: Uint8Array): Promise<{ secret: string; hash: string }> {
  const key = await crypto.subtle.importKey('raw', vaultKey as BufferSource, 'HKDF', false, ['deriveBits']);
  const secret = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: info as BufferSource },
      key,
      256,
    ),
  );
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', secret as BufferSource));
  return { secret: toHex(secret), hash: toHex(hash) };
}

describe('deletion proof (docs/vault-format.md, "Deletion proof")', () => {
  const vaultKey = fromHex(example.vaultKey);

  it('matches the conformance vector, on @noble/hashes and on Web Crypto', async () => {
    expect(DELETION_INFO).toBe('tessera v1 deletion ');
    expect(toHex(utf8Encode(DELETION_INFO + example.itemId))).toBe(example.info);
    const secret = deletionSecret(vaultKey, example.itemId);
    expect(toHex(secret)).toBe(example.secret);
    expect(toHex(deletionHash(secret))).toBe(example.hash);
    expect(await webCrypto(vaultKey, fromHex(example.info))).toEqual({ secret: example.secret, hash: example.hash });
  });

  it('is quoted in docs/vault-format.md', () => {
    const doc = readFileSync(new URL('../../../../docs/vault-format.md', import.meta.url), 'utf8');
    for (const value of [example.itemId, example.info, example.secret, example.hash]) expect(doc).toContain(value);
  });

  it('differs for every item and every vault key', () => {
    const other = deletionSecret(vaultKey, 'ICEiIyQlJicoKSorLC0uLx');
    expect(toHex(other)).not.toBe(example.secret);
    const otherKey = vaultKey.slice();
    otherKey[0]! ^= 1;
    expect(toHex(deletionSecret(otherKey, example.itemId))).not.toBe(example.secret);
  });

  it('verifies only the right secret for the right item', () => {
    expect(verifyDeletionProof(vaultKey, example.itemId, fromHex(example.secret))).toBe(true);
    const wrong = fromHex(example.secret);
    wrong[31]! ^= 1;
    expect(verifyDeletionProof(vaultKey, example.itemId, wrong)).toBe(false);
    expect(verifyDeletionProof(vaultKey, 'ICEiIyQlJicoKSorLC0uLx', fromHex(example.secret))).toBe(false);
    expect(verifyDeletionProof(vaultKey, example.itemId, fromHex(example.secret).slice(0, 16))).toBe(false);
  });

  it('refuses a key or secret of the wrong size and an empty id', () => {
    expectCode('invalid-input', () => deletionSecret(new Uint8Array(16), example.itemId));
    expectCode('invalid-input', () => deletionSecret(vaultKey, ''));
    expectCode('invalid-input', () => deletionHash(new Uint8Array(31)));
  });
});
