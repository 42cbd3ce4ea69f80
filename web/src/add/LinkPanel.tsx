import { createSignal, createUniqueId } from 'solid-js';
import type { Outcome } from './ways.ts';

// Pasting an otpauth:// link, or the otpauth-migration:// links of a Google Authenticator
// export (several at once, one per line, are read in order).
export function LinkPanel(props: { onText: (text: string) => Outcome }) {
  const id = createUniqueId();
  const [text, setText] = createSignal('');

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const links = text().split(/\s+/).filter((l) => l !== '');
    if (links.length === 0) {
      props.onText('');
      return;
    }
    let outcome: Outcome = 'refused';
    for (const link of links) {
      outcome = props.onText(link);
      if (outcome !== 'next-batch') break;
    }
    // A link holds its secret in clear: it leaves the field once read; a refused one stays to be fixed.
    if (outcome !== 'refused') setText('');
  };

  return (
    <form class="add-link" onSubmit={submit}>
      <div class="add-field">
        <label for={id}>Link</label>
        <textarea
          id={id}
          class="add-mono"
          rows={4}
          value={text()}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          placeholder="otpauth://totp/Example:you@example.com?secret=…"
          aria-describedby={`${id}-help`}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <span id={`${id}-help`} class="add-help">
          An otpauth:// link, or the otpauth-migration:// link of a Google Authenticator export (one per line for several).
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
