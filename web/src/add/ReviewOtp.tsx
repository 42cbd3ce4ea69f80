import type { Otp } from '@tessera/core/otp/types';
import type { RecordView } from '@tessera/core/vault/record';
import { createMemo, createSignal, createUniqueId, Show } from 'solid-js';
import { createNow } from './clock.ts';
import { OtpPreview } from './OtpPreview.tsx';
import { suggestRecords } from './suggest.ts';
import { initialTarget, TargetChooser, type Target } from './TargetChooser.tsx';

// The last step for one OTP: check what was read, name it, choose where it goes, save.
export function ReviewOtp(props: {
  otp: Otp;
  records: RecordView[];
  saving: boolean;
  /** Shown under the link it was read from, on the same screen: no Back, focus stays put. */
  inline?: boolean;
  onBack: () => void;
  onSave: (otps: Otp[], target: Target) => void;
}) {
  const issuerId = createUniqueId();
  const accountId = createUniqueId();
  const now = createNow();
  // The labels are editable: many QR codes carry no issuer, or an account the user cannot place.
  const [issuer, setIssuer] = createSignal(props.otp.issuer);
  const [account, setAccount] = createSignal(props.otp.account);
  const otp = createMemo<Otp>(() => ({ ...props.otp, issuer: issuer().trim(), account: account().trim() }));
  const suggestions = createMemo(() => suggestRecords(props.records, { issuer: otp().issuer, account: otp().account }));

  // Suggested first, but a record that already has a code is never picked for the user: saving
  // there would replace that code, which must be a deliberate choice.
  const [target, setTarget] = createSignal<Target>(initialTarget(suggestions()));

  return (
    <form
      class="add-review"
      aria-label="Check and save"
      onSubmit={(e) => {
        e.preventDefault();
        if (!props.saving) props.onSave([otp()], target());
      }}
    >
      <h3
        class="add-step-title"
        tabindex="-1"
        ref={(el) => {
          if (!props.inline) queueMicrotask(() => el.focus());
        }}
      >
        Check and save
      </h3>
      <div class="add-fields">
        <div class="add-field">
          <label for={issuerId}>Issuer</label>
          <input
            id={issuerId}
            type="text"
            value={issuer()}
            autocomplete="off"
            onInput={(e) => setIssuer(e.currentTarget.value)}
          />
        </div>
        <div class="add-field">
          <label for={accountId}>Account</label>
          <input
            id={accountId}
            type="text"
            value={account()}
            autocomplete="off"
            onInput={(e) => setAccount(e.currentTarget.value)}
          />
        </div>
      </div>
      <OtpPreview otp={otp()} now={now()} />
      <TargetChooser records={props.records} suggestions={suggestions()} target={target()} onChange={setTarget} />
      <div class="add-actions">
        <Show when={!props.inline}>
          <button
            type="button"
            class="add-button add-button-quiet"
            onClick={() => props.onBack()}
            disabled={props.saving}
          >
            Back
          </button>
        </Show>
        <button type="submit" class="add-button add-button-primary" disabled={props.saving} aria-busy={props.saving}>
          {props.saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
