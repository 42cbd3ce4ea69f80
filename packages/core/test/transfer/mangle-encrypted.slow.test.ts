import fc from 'fast-check';
import { describe, it } from 'vitest';
import { TesseraError } from '../../src/errors.ts';
import { IMPORTERS } from '../../src/transfer/import.ts';
import type { ImportFormat } from '../../src/transfer/types.ts';
import { AEGIS_PASSWORD, fixture, PASSWORD, settle } from './helpers.ts';
import { checkResult, mangle, mutations } from './mangle.ts';

// The encrypted fixtures mangled and opened with their right password, so the damage reaches key
// derivation and decryption. Every run derives a key (Aegis's scrypt and andOTP's PBKDF2 take
// ~0.3 s each), hence few runs and a file of its own.

const ENCRYPTED: [string, ImportFormat, string, number][] = [
  ['aegis-encrypted.json', 'aegis', AEGIS_PASSWORD, 8],
  ['2fas-encrypted.2fas', '2fas', PASSWORD, 25],
  ['bitwarden-encrypted-pbkdf2.json', 'bitwarden', PASSWORD, 15],
  ['bitwarden-encrypted-argon2id.json', 'bitwarden', PASSWORD, 15],
  ['ente-encrypted.json', 'ente', PASSWORD, 25],
  ['andotp-encrypted.json.aes', 'andotp', PASSWORD, 8],
  ['andotp-encrypted-old.json.aes', 'andotp', PASSWORD, 50],
  ['tessera-backup-example.tessera', 'tessera-backup', 'correct horse battery staple', 25],
];

describe('mangled encrypted files opened with their password', () => {
  it.each(ENCRYPTED)(
    '%s reads or fails with a TesseraError',
    async (name, format, password, numRuns) => {
      const original = fixture(name);
      await fc.assert(
        fc.asyncProperty(mutations, async (list) => {
          const outcome = await settle(() => IMPORTERS[format](mangle(original, list), { password }));
          if (!(outcome instanceof TesseraError)) checkResult(outcome, format);
        }),
        { numRuns },
      );
    },
    60_000,
  );
});
