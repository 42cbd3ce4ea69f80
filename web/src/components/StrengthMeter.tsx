import { createEffect, createSignal, on, Show, type Accessor } from 'solid-js';
import { MIN_LEVEL, STRENGTH_LABELS, type PasswordUse, type Strength } from '../lib/strength.ts';
import { estimateStrength } from '../services/strength-client.ts';

/**
 * The strength of a password signal, estimated in the strength worker; undefined until the
 * first answer. Keystrokes that arrive while an estimate runs collapse into one next request,
 * so a slow estimate never builds a queue.
 */
export function createStrength(password: Accessor<string>): {
  strength: Accessor<Strength | undefined>;
  /** An estimate of the current password is still to come (what is shown is older or none). */
  pending: Accessor<boolean>;
} {
  const [strength, setStrength] = createSignal<{ password: string; strength: Strength }>();
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      while (strength()?.password !== password()) {
        const asked = password();
        setStrength({ password: asked, strength: await estimateStrength(asked) });
      }
    } catch {
      // The worker could not start; the form checks again on submit and says so there.
    } finally {
      running = false;
    }
  };
  createEffect(on(password, () => void run()));
  return {
    strength: () => strength()?.strength,
    pending: () => password() !== '' && strength()?.password !== password(),
  };
}

// Four bars and zxcvbn's own advice; `use` adds the level that password needs, so the user sees
// the bar to clear before the form refuses it.
export function StrengthMeter(props: { password: string; id: string; use: PasswordUse }) {
  const { strength, pending } = createStrength(() => props.password);
  const need = () => STRENGTH_LABELS[MIN_LEVEL[props.use]].toLowerCase();
  return (
    // aria-busy while the verdict for what was typed is still coming: its text can change the
    // form's height, so tests (and assistive technology) wait for it to settle.
    <div
      class="strength"
      id={props.id}
      data-level={props.password ? strength()?.level : undefined}
      aria-live="polite"
      aria-busy={pending() ? 'true' : undefined}
    >
      <div class="strength-bars" aria-hidden="true">
        <span />
        <span />
        <span />
        <span />
      </div>
      <p class="strength-text">
        <Show
          when={props.password ? strength() : undefined}
          fallback={
            <>
              <strong>Strength</strong>
              <span> · needs {need()} or better</span>
            </>
          }
        >
          {(s) => (
            <>
              <strong>{s().label}</strong>
              <span>
                {' '}
                · {s().level < MIN_LEVEL[props.use] ? `Needs ${need()} or better. ` : ''}
                {s().hint}
              </span>
            </>
          )}
        </Show>
      </p>
    </div>
  );
}
