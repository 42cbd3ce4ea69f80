import { createUniqueId } from 'solid-js';
import type { Outcome } from './ways.ts';

// Pasting an otpauth:// link, or the otpauth-migration:// links of a Google Authenticator export.
// One link is read here; several at once go to the same review as Import › From links, so none
// is dropped. The text is kept by the Add flow: Back from a review finds it still in the field.
export function LinkPanel(props: {
  text: string;
  onTextChange: (text: string) => void;
  onText: (text: string) => Outcome;
  onLinks: (text: string) => void;
}) {
  const id = createUniqueId();

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const links = props.text.split(/\s+/).filter((l) => l !== '');
    if (links.length > 1) props.onLinks(props.text);
    // A part of a several-part export is collected; the field empties for the next part.
    else if (props.onText(links[0] ?? '') === 'next-batch') props.onTextChange('');
  };

  return (
    <form class="add-link" onSubmit={submit}>
      <div class="add-field">
        <label for={id}>Link</label>
        <textarea
          id={id}
          class="add-mono"
          rows={4}
          value={props.text}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          placeholder="otpauth://totp/Example:you@example.com?secret=…"
          aria-describedby={`${id}-help`}
          onInput={(e) => props.onTextChange(e.currentTarget.value)}
        />
        <span id={`${id}-help`} class="add-help">
          An otpauth:// link, or the otpauth-migration:// link of a Google Authenticator export (one per line for
          several).
        </span>
      </div>
      <div class="add-actions">
        <button type="submit" class="add-button add-button-primary">
          Continue
        </button>
      </div>
    </form>
  );
}
