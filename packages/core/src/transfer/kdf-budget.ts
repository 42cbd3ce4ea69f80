import { TransferError } from './errors.ts';
import type { ImportFormat } from './types.ts';

/**
 * @module
 * [Note: KDF budget] What one imported file may cost in password key derivations. Each format
 * bounds the parameters of a single derivation (its own floor and ceiling, docs/import-export.md
 * "Limits"); this bounds how many derivations a file can ask for, over all its key slots and all
 * the layouts an importer tries, so that no file can multiply the per-derivation ceiling by a
 * count of its own choosing (an Aegis vault with thousands of password slots ran scrypt once per
 * slot). Every limit is checked before the first derivation of the file.
 */
export const KDF_BUDGET = Object.freeze({
  /** Key slots listed in one file, of any type. Aegis writes one password slot and at most a few biometric ones. */
  maxSlots: 16,
  /** Password key derivations one file may cost in all. */
  maxDerivations: 4,
});

/** Refuses a list of key slots longer than KDF_BUDGET.maxSlots, before any of them is read. */
export function checkSlotCount(count: number, format: ImportFormat): void {
  if (count > KDF_BUDGET.maxSlots) {
    throw new TransferError(
      'kdf-budget',
      `The file lists ${count} key slots; Tessera reads at most ${KDF_BUDGET.maxSlots} (KDF_BUDGET.maxSlots)`,
      format,
    );
  }
}

/** Refuses a file that would need more than KDF_BUDGET.maxDerivations password key derivations. */
export function checkDerivationCount(count: number, format: ImportFormat): void {
  if (count > KDF_BUDGET.maxDerivations) {
    throw new TransferError(
      'kdf-budget',
      `The file needs ${count} password key derivations; Tessera runs at most ${KDF_BUDGET.maxDerivations} per file (KDF_BUDGET.maxDerivations)`,
      format,
    );
  }
}
