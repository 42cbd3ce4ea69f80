import { Show } from 'solid-js';
import { PasswordInput } from '../../components/PasswordInput.tsx';

// The fields that name an account and this device in it, the same wherever sync starts: turning
// it on (email and device, then a mailed code) and signing in (email, master password, device).
// `id` prefixes the inputs: `${id}-email`, `${id}-password`, `${id}-device`.
export function SignInFields(props: {
  id: string;
  email: string;
  onEmail: (value: string) => void;
  /** Signing in asks for the master password between the email and the device's name. */
  password?: { value: string; onInput: (value: string) => void };
  deviceName: string;
  onDeviceName: (value: string) => void;
  disabled: boolean;
}) {
  return (
    <>
      <div class="field">
        <label for={`${props.id}-email`}>Email</label>
        <input
          id={`${props.id}-email`}
          type="email"
          // With a password beside it the address is the account's user name, which is what
          // password managers fill; alone it is an address to mail a code to.
          autocomplete={props.password ? 'username' : 'email'}
          value={props.email}
          onInput={(e) => props.onEmail(e.currentTarget.value)}
          disabled={props.disabled}
          autocapitalize="off"
          spellcheck={false}
        />
      </div>
      <Show when={props.password}>
        {(password) => (
          <PasswordInput
            id={`${props.id}-password`}
            label="Master password"
            value={password().value}
            onInput={password().onInput}
            autocomplete="current-password"
            disabled={props.disabled}
          />
        )}
      </Show>
      <div class="field">
        <label for={`${props.id}-device`}>Name of this device</label>
        <input
          id={`${props.id}-device`}
          type="text"
          maxLength={64}
          value={props.deviceName}
          onInput={(e) => props.onDeviceName(e.currentTarget.value)}
          disabled={props.disabled}
          aria-describedby={`${props.id}-device-hint`}
        />
        <p class="field-hint" id={`${props.id}-device-hint`}>
          Shown in the list of devices signed in to the account.
        </p>
      </div>
    </>
  );
}
