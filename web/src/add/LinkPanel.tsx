import type { Otp } from '@tessera/core/otp/types';
import type { RecordView } from '@tessera/core/vault/record';
import { createMemo, createUniqueId, Show } from 'solid-js';
import { ReviewOtp } from './ReviewOtp.tsx';
import { readScannedText } from './scanned.ts';
import type { Target } from './TargetChooser.tsx';
import type { Outcome } from './ways.ts';

// Pasting an otpauth:// link, or the otpauth-migration:// links of a Google Authenticator export.
// One readable otpauth:// link is checked on this same screen: its names, the code it makes now
// and where it goes appear under the field, with Save. Several links at once go to the same
// review as Import › From links, so none is dropped; an export or a link that cannot be read
// goes through Continue. The text is kept by the Add flow: Back from a review finds it in the field.
export function LinkPanel(props: {
  text: string;
  records: RecordView[];
  saving: boolean;
  onTextChange: (text: string) => void;
  onText: (text: string) => Outcome;
  onLinks: (text: string) => void;
  onSave: (otps: Otp[], target: Target) => void;
}) {
  const id = createUniqueId();
  const links = () => props.text.split(/\s+/).filter((l) => l !== '');
  // The one link, read as it is pasted; a link that cannot be read says why on Continue.
  const single = createMemo(() => {
    const all = links();
    if (all.length !== 1) return null;
    try {
      const read = readScannedText(all[0]!);
      return read.kind === 'otp' ? read.otp : null;
    } catch {
      return null;
    }
  });

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (links().length > 1) props.onLinks(props.text);
    // A part of a several-part export is collected; the field empties for the next part.
    else if (props.onText(links()[0] ?? '') === 'next-batch') props.onTextChange('');
  };

  return (
    <div class="add-link">
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
          aria-describedby={`${id}-help`}
          onInput={(e) => props.onTextChange(e.currentTarget.value)}
        />
        <span id={`${id}-help`} class="add-help">
          An otpauth:// link, or the otpauth-migration:// link of a Google Authenticator export (one per line for
          several).
        </span>
      </div>
      <Show
        when={single()}
        keyed
        fallback={
          <form onSubmit={submit}>
            <div class="add-actions">
              <button type="submit" class="add-button add-button-primary">
                Continue
              </button>
            </div>
          </form>
        }
      >
        {(otp) => (
          <ReviewOtp
            otp={otp}
            records={props.records}
            saving={props.saving}
            inline
            onBack={() => undefined}
            onSave={props.onSave}
          />
        )}
      </Show>
    </div>
  );
}
