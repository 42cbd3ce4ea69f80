import { Show } from 'solid-js';
import { MIN_LEVEL, STRENGTH_LABELS, type PasswordUse } from '../lib/strength.ts';
import { createStrength } from './strength-signal.ts';

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
