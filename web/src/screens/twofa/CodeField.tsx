import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';

/** A 6-digit code as people type or paste it ("123 456" is fine; the server drops spaces). */
export function CodeField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  disabled?: boolean;
  describedBy?: string;
  ref?: (el: HTMLInputElement) => void;
}) {
  return (
    <div class="field twofa-code-field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxLength={TWO_FACTOR_RULES.codeDigits + 2}
        pattern="[0-9 ]*"
        spellcheck={false}
        value={props.value}
        disabled={props.disabled}
        ref={props.ref}
        aria-describedby={props.describedBy}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}

export function codeProblem(code: string): string | null {
  const digits = code.replace(/\s+/g, '');
  if (digits === '') return 'Enter the code.';
  if (!new RegExp(`^\\d{${TWO_FACTOR_RULES.codeDigits}}$`).test(digits))
    return `The code is ${TWO_FACTOR_RULES.codeDigits} digits.`;
  return null;
}
