import { createSignal, Show } from 'solid-js';
import { Icon } from './icons.tsx';

// A password field with a show/hide toggle. The error, when there is one, is tied to the input
// with aria-describedby and announced.
export function PasswordInput(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  autocomplete: 'new-password' | 'current-password' | 'off';
  describedBy?: string;
  error?: string | undefined;
  disabled?: boolean;
  autofocus?: boolean;
  ref?: (el: HTMLInputElement) => void;
}) {
  const [shown, setShown] = createSignal(false);
  const errorId = () => `${props.id}-error`;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <div class="input-with-button">
        <input
          id={props.id}
          type={shown() ? 'text' : 'password'}
          value={props.value}
          ref={props.ref}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          autocomplete={props.autocomplete}
          autocapitalize="off"
          spellcheck={false}
          disabled={props.disabled}
          autofocus={props.autofocus}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={
            [props.describedBy, props.error ? errorId() : undefined].filter(Boolean).join(' ') || undefined
          }
        />
        <button
          type="button"
          class="icon-button"
          aria-label={shown() ? 'Hide password' : 'Show password'}
          aria-pressed={shown()}
          onClick={() => setShown(!shown())}
          disabled={props.disabled}
        >
          <Icon name={shown() ? 'eyeOff' : 'eye'} />
        </button>
      </div>
      <Show when={props.error}>
        {(text) => (
          <p class="field-error" id={errorId()} role="alert">
            {text()}
          </p>
        )}
      </Show>
    </div>
  );
}
