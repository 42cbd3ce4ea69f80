import { FormError } from './FormError.tsx';
import { MISMATCH, type NewPassword } from './new-password.ts';
import { PasswordInput } from './PasswordInput.tsx';
import { StrengthMeter } from './StrengthMeter.tsx';

// The rules and their state are in new-password.ts (tested in Node); this is how they look.
export { createNewPassword, weakPasswordRefusal } from './new-password.ts';

/**
 * The new password, its strength meter and its confirmation. `id` names the password input; the
 * confirmation is `${id}-confirm` and the meter `${id}-strength` (the input's description).
 */
export function NewPasswordFields(props: {
  field: NewPassword;
  id: string;
  label: string;
  confirmLabel: string;
  disabled?: boolean;
  autofocus?: boolean;
}) {
  const strengthId = () => `${props.id}-strength`;
  return (
    <>
      <PasswordInput
        id={props.id}
        label={props.label}
        value={props.field.password()}
        onInput={props.field.setPassword}
        autocomplete="new-password"
        describedBy={strengthId()}
        autofocus={props.autofocus}
        disabled={props.disabled}
      />
      <StrengthMeter password={props.field.password()} id={strengthId()} use={props.field.use()} />
      <PasswordInput
        id={`${props.id}-confirm`}
        label={props.confirmLabel}
        value={props.field.confirm()}
        onInput={props.field.setConfirm}
        autocomplete="new-password"
        disabled={props.disabled}
        error={props.field.mismatch() ? MISMATCH : undefined}
      />
      <FormError text={props.field.problem()} />
    </>
  );
}
