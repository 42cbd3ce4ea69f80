import { Show } from 'solid-js';
import { Progress } from './Progress.tsx';

// A form's buttons, or while it works (busy holds what it is doing) the progress in their place,
// so nothing can be sent twice.
export function FormActions(props: {
  busy: string | null;
  submit: string;
  cancel?: { label?: string; onClick: () => void };
}) {
  return (
    <Show
      when={props.busy}
      fallback={
        <div class="button-row">
          <button type="submit" class="button button-primary">
            {props.submit}
          </button>
          <Show when={props.cancel}>
            {(cancel) => (
              <button type="button" class="button" onClick={() => cancel().onClick()}>
                {cancel().label ?? 'Cancel'}
              </button>
            )}
          </Show>
        </div>
      }
    >
      {(label) => <Progress fraction={null} label={label()} />}
    </Show>
  );
}
