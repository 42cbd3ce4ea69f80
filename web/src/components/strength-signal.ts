import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import type { Strength } from '../lib/strength.ts';
import { estimateStrength } from '../services/strength-client.ts';

/**
 * The strength of a password signal, estimated in the strength worker; undefined until the
 * first answer. Keystrokes that arrive while an estimate runs collapse into one next request,
 * so a slow estimate never builds a queue. `estimate` is the worker's call, given in tests.
 */
export function createStrength(
  password: Accessor<string>,
  estimate: (password: string) => Promise<Strength> = estimateStrength,
): {
  strength: Accessor<Strength | undefined>;
  /** An estimate of the current password is still to come (what is shown is older or none). */
  pending: Accessor<boolean>;
} {
  const [strength, setStrength] = createSignal<{ password: string; strength: Strength }>();
  // The worker could not give an estimate for this password: none is coming, so nothing is
  // pending (aria-busy would otherwise stay on and tests would wait for ever). The form checks
  // again on submit and says so there.
  const [failedFor, setFailedFor] = createSignal<string | null>(null);
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    let asked = password();
    try {
      while (strength()?.password !== password()) {
        asked = password();
        setStrength({ password: asked, strength: await estimate(asked) });
      }
    } catch {
      setFailedFor(asked);
    } finally {
      running = false;
    }
  };
  createEffect(on(password, () => void run()));
  return {
    strength: () => strength()?.strength,
    pending: () => password() !== '' && strength()?.password !== password() && failedFor() !== password(),
  };
}
