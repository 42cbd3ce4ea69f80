import { Show } from 'solid-js';

/** `fraction` null: working, amount unknown (Argon2 reports no progress from inside). */
export function Progress(props: { label: string; fraction: number | null }) {
  return (
    <div class="progress" role="status" aria-live="polite">
      <div
        class="progress-track"
        role="progressbar"
        aria-label={props.label}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow={props.fraction === null ? undefined : Math.round(props.fraction * 100)}
      >
        <Show when={props.fraction !== null} fallback={<div class="progress-bar progress-indeterminate" />}>
          <div class="progress-bar" style={{ width: `${Math.round((props.fraction ?? 0) * 100)}%` }} />
        </Show>
      </div>
      <span class="progress-label">{props.label}</span>
    </div>
  );
}
