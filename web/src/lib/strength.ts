// Password strength as zxcvbn-ts estimates it (docs/web.md, "Password strength"): the levels,
// their words, and the level each use of a password needs. The estimator itself runs in a
// worker (services/strength-client.ts), loaded when a password field first needs it.
export type StrengthLevel = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  /** zxcvbn's score: 0 too guessable (< 10^3 guesses) ... 3 (< 10^10), 4 very unguessable. */
  level: StrengthLevel;
  /** log10 of the guesses zxcvbn expects an attacker to need. */
  guessesLog10: number;
  label: string;
  hint: string;
}

export const STRENGTH_LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

// What a password protects decides the level it needs. A vault that stays on this device is
// guarded by the device too, so "Fair" (zxcvbn: up to 10^8 guesses, each one costing Argon2id's
// 0.3 s or more) is the floor. A password whose ciphertext leaves the device, as the sync
// account's (the server keeps the wrapped vault key) or a backup file's, can be attacked
// offline by whoever gets a copy, for as long as they like: it needs "Strong" (10^8 to 10^10
// guesses and up).
export type PasswordUse = 'vault' | 'sync' | 'backup';
export const MIN_LEVEL: Readonly<Record<PasswordUse, StrengthLevel>> = Object.freeze({ vault: 2, sync: 3, backup: 3 });

/** The words a form shows when the password is below what `use` needs, or null when it is enough. */
export function strengthRefusal(strength: Strength, use: PasswordUse): string | null {
  if (strength.level >= MIN_LEVEL[use]) return null;
  const need = STRENGTH_LABELS[MIN_LEVEL[use]].toLowerCase();
  const why =
    use === 'vault'
      ? 'to protect this vault'
      : use === 'sync'
        ? 'for a vault that syncs, because the server keeps an encrypted copy that anyone who took it could attack'
        : 'for a backup file, because anyone who gets the file could try passwords on it for as long as they like';
  return `This password is ${strength.label.toLowerCase()}; it must be at least ${need} ${why}. ${strength.hint}`;
}
