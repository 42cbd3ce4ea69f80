import { createMemo } from 'solid-js';
import { estimateStrength } from '../lib/strength.ts';

export function StrengthMeter(props: { password: string; id: string }) {
  const strength = createMemo(() => estimateStrength(props.password));
  return (
    <div class="strength" id={props.id} data-level={strength().level} aria-live="polite">
      <div class="strength-bars" aria-hidden="true">
        <span /><span /><span /><span />
      </div>
      <p class="strength-text">
        <strong>{props.password ? strength().label : 'Strength'}</strong>
        <span> · {strength().hint}</span>
      </p>
    </div>
  );
}
