import { Show } from 'solid-js';

// Why a form refused or failed, announced as it appears (role="alert"); nothing when there is
// no text.
export function FormError(props: { text: string | null | undefined }) {
  return (
    <Show when={props.text}>
      {(text) => (
        <p class="form-error" role="alert">
          {text()}
        </p>
      )}
    </Show>
  );
}
