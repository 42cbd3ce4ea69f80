import { Show } from 'solid-js';

// A ring that empties as the code's period runs out. It turns to the warning colour in the last
// five seconds, when a code is likely to expire before it is typed.
const RADIUS = 9;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

export function Countdown(props: { secondsLeft: number | null; period: number | null }) {
  return (
    <Show when={props.secondsLeft !== null && props.period !== null}>
      <span class="countdown" classList={{ 'countdown-low': (props.secondsLeft ?? 0) <= 5 }}>
        <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
          <circle class="countdown-track" cx="12" cy="12" r={RADIUS} />
          <circle
            class="countdown-fill"
            cx="12"
            cy="12"
            r={RADIUS}
            stroke-dasharray={String(CIRCUMFERENCE)}
            style={{
              'stroke-dashoffset': String(CIRCUMFERENCE * (1 - (props.secondsLeft ?? 0) / (props.period ?? 1))),
            }}
          />
        </svg>
        <span class="countdown-seconds" aria-hidden="true">
          {props.secondsLeft}
        </span>
      </span>
    </Show>
  );
}
