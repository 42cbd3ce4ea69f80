import { otpCode } from '@tessera/core/otp/code';
import type { Otp } from '@tessera/core/otp/types';
import type { RecordView } from '@tessera/core/vault/record';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { groupCode, spokenCode } from '../lib/format-code.ts';
import { createNow } from './clock.ts';
import { otpSettingsLabel, otpTitle, sameOtp } from './describe-otp.ts';
import { describeProblem } from './messages.ts';
import type { SkippedEntry } from './migration-batches.ts';
import type { Target } from './TargetChooser.tsx';

// The last step for a Google Authenticator export: every entry becomes a record of its own.
// Entries already in the vault (same secret) start unticked, so importing twice adds nothing.
export function ReviewMigration(props: {
  otps: Otp[];
  skipped: SkippedEntry[];
  records: RecordView[];
  saving: boolean;
  onBack: () => void;
  onSave: (otps: Otp[], target: Target) => void;
}) {
  const now = createNow();
  const known = (otp: Otp) => props.records.some((r) => !r.deleted && r.otp !== null && sameOtp(r.otp, otp));
  const [chosen, setChosen] = createSignal<ReadonlySet<number>>(
    new Set(props.otps.flatMap((otp, i) => (known(otp) ? [] : [i]))),
  );
  const selected = createMemo(() => props.otps.filter((_, i) => chosen().has(i)));
  const toggle = (i: number, on: boolean) => {
    const next = new Set(chosen());
    if (on) next.add(i);
    else next.delete(i);
    setChosen(next);
  };
  const count = () => selected().length;

  return (
    <form
      class="add-review"
      aria-label="Review the import"
      onSubmit={(e) => {
        e.preventDefault();
        if (!props.saving && count() > 0) props.onSave(selected(), { newRecord: true });
      }}
    >
      <h3 class="add-step-title" tabindex="-1" ref={(el) => queueMicrotask(() => el.focus())}>
        Import {props.otps.length} {props.otps.length === 1 ? 'account' : 'accounts'}
      </h3>
      <p class="add-muted">Each one becomes a new record. Untick any you do not want.</p>
      <ul class="add-import-list">
        <For each={props.otps}>
          {(otp, i) => {
            const code = createMemo(() => otpCode(otp, now()));
            return (
              <li class="add-import-item">
                <label class="add-import-label">
                  <input
                    type="checkbox"
                    checked={chosen().has(i())}
                    onChange={(e) => toggle(i(), e.currentTarget.checked)}
                  />
                  <span class="add-import-text">
                    <span class="add-import-title">{otpTitle(otp)}</span>
                    <Show when={otp.issuer.trim() && otp.account.trim()}>
                      <span class="add-import-account">{otp.account}</span>
                    </Show>
                    <span class="add-import-settings">{otpSettingsLabel(otp)}</span>
                    <Show when={known(otp)}>
                      <span class="add-target-warning">Already in your vault</span>
                    </Show>
                  </span>
                  <span class="add-import-code" aria-label={`Current code ${spokenCode(code().code)}`}>
                    {groupCode(code().code)}
                  </span>
                </label>
              </li>
            );
          }}
        </For>
      </ul>
      <Show when={props.skipped.length > 0}>
        <div class="add-problem" role="note">
          <p class="add-problem-message">
            {props.skipped.length} {props.skipped.length === 1 ? 'entry' : 'entries'} of the export cannot be imported:
          </p>
          <ul class="add-skipped-list">
            <For each={props.skipped}>
              {(s) => {
                const problem = describeProblem(s.error);
                return (
                  <li>
                    QR code {s.batch + 1}, {problem.detail ?? `entry ${s.entry + 1}`} — {problem.message}
                  </li>
                );
              }}
            </For>
          </ul>
        </div>
      </Show>
      <div class="add-actions">
        <button
          type="button"
          class="add-button add-button-quiet"
          onClick={() => props.onBack()}
          disabled={props.saving}
        >
          Back
        </button>
        <button
          type="submit"
          class="add-button add-button-primary"
          disabled={props.saving || count() === 0}
          aria-busy={props.saving}
        >
          {props.saving ? 'Importing…' : `Import ${count()} ${count() === 1 ? 'account' : 'accounts'}`}
        </button>
      </div>
    </form>
  );
}
