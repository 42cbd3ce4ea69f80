import { createSignal, type Accessor } from 'solid-js';
import { type PasswordUse, strengthRefusal } from '../lib/strength.ts';
import { estimateStrength } from '../services/strength-client.ts';

// Every form that sets a password (the vault's, a new master password, a backup's, an Aegis
// file's) asks the same things of it: at least MIN_LENGTH characters, typed twice alike, and as
// strong as what it protects needs (lib/strength.ts). The rules and their words live here once.
export const MIN_LENGTH = 8;
export const TOO_SHORT = `Use at least ${MIN_LENGTH} characters.`;
export const MISMATCH = 'The two passwords do not match.';

/** The words a form shows when `password` is weaker than `use` needs, or null when it is enough. */
export async function weakPasswordRefusal(password: string, use: PasswordUse): Promise<string | null> {
  return strengthRefusal(await estimateStrength(password), use);
}

export interface NewPassword {
  password: Accessor<string>;
  confirm: Accessor<string>;
  use: Accessor<PasswordUse>;
  setPassword: (value: string) => void;
  setConfirm: (value: string) => void;
  /** Checked once the form was submitted: a differing confirmation says so under its field. */
  mismatch: Accessor<boolean>;
  /** Too short or too weak, once checked (null while the confirmation differs: one alert at a time). */
  problem: Accessor<string | null>;
  /** On submit: whether the pair may be used. Marks the fields checked; rates the strength last. */
  check: () => Promise<boolean>;
  /** After the password was used: empties both fields and forgets the check. */
  clear: () => void;
}

/** The state of a new password and its confirmation, shown by one NewPasswordFields. */
export function createNewPassword(use: Accessor<PasswordUse>): NewPassword {
  const [password, setPasswordValue] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [checked, setChecked] = createSignal(false);
  const [weak, setWeak] = createSignal<string | null>(null);
  // Code points, not UTF-16 units: an emoji is one character to the person typing it.
  const short = () => [...password()].length < MIN_LENGTH;
  const mismatch = () => checked() && confirm() !== password();
  return {
    password,
    confirm,
    use,
    setPassword: (value) => {
      setPasswordValue(value);
      // A verdict on the old password would be wrong about the new one.
      setWeak(null);
    },
    setConfirm,
    mismatch,
    problem: () => (!checked() || mismatch() ? null : short() ? TOO_SHORT : weak()),
    check: async () => {
      setChecked(true);
      if (short() || confirm() !== password()) return false;
      const rated = password();
      let refusal: string | null;
      try {
        refusal = await weakPasswordRefusal(rated, use());
      } catch (failure) {
        // The strength worker could not start (its error says so, readably): the form does not
        // go on with a password nobody rated.
        refusal = failure instanceof Error ? failure.message : String(failure);
      }
      // Typed over while the worker rated it: the new text has not been rated.
      if (password() !== rated) return false;
      setWeak(refusal);
      return refusal === null;
    },
    clear: () => {
      setPasswordValue('');
      setConfirm('');
      setChecked(false);
      setWeak(null);
    },
  };
}
