import { CryptoError } from '@tessera/core/crypto/errors';
import { RecordError } from '@tessera/core/vault/record';
import { describe, expect, it } from 'vitest';
import { failureText } from '../src/screens/account/messages.ts';
import { AccountError } from '../src/services/account-keys.ts';
import { ApiError } from '../src/services/sync/api.ts';
import { isQuarantineReason, quarantineReason, VaultError, vaultLocked } from '../src/services/vault-errors.ts';

// The typed error codes of web: one class and code union per area, words for each code.

describe('account failure words', () => {
  it('gives our words for a known code, and the server’s own where we keep them', () => {
    expect(failureText(new ApiError('credentials-invalid', 'unknown email or wrong authKey', 401))).toBe(
      'Wrong email or master password.',
    );
    expect(failureText(new ApiError('invalid-body', 'email: not an email address', 400))).toBe(
      'email: not an email address',
    );
    expect(failureText(new AccountError('signed-out', 'x'))).toBe(
      'This device is not signed in to sync. Turn sync on or sign in first.',
    );
    expect(failureText(new ApiError('rate-limited', 'slow down', 429, 30_000))).toBe(
      'Too many attempts. Try again in 30 s.',
    );
  });

  it('says plainly what a code it has no words for said', () => {
    expect(failureText(new Error('disk full'))).toBe('disk full');
  });
});

describe('vault errors', () => {
  it('the locked vault is one error, a VaultError with the code the sync engine waits for', () => {
    const error = vaultLocked();
    expect(error).toBeInstanceOf(VaultError);
    expect(error.code).toBe('vault-locked');
  });

  it('an item set aside keeps the reason core gave; anything else is corrupt-item', () => {
    expect(quarantineReason(new RecordError('record-id-mismatch', 'x'))).toBe('record-id-mismatch');
    expect(quarantineReason(new CryptoError('unsupported-version', 'x'))).toBe('unsupported-version');
    expect(quarantineReason(new Error('boom'))).toBe('corrupt-item');
    expect(quarantineReason(new VaultError('vault-locked', 'x'))).toBe('corrupt-item');
    expect(isQuarantineReason('vault-locked')).toBe(false);
  });
});
