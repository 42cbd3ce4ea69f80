import { OTP_ALGORITHMS, type Otp, type OtpAlgorithm, type OtpType } from '@tessera/core/otp/types';
import type { RecordView } from '@tessera/core/vault/record';
import { createEffect, createMemo, createSignal, createUniqueId, on, Show } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import { createNow } from './clock.ts';
import { describeProblem } from './messages.ts';
import { COUNTER, DIGITS, otpFromKeyForm, PERIOD, type KeyForm } from './key-form.ts';
import { OtpPreview } from './OtpPreview.tsx';
import { normaliseSetupKey } from './setup-key.ts';
import { suggestRecords } from './suggest.ts';
import { initialTarget, TargetChooser, type Target } from './TargetChooser.tsx';

// Typing the setup key shown under a QR code, on one screen: the key is checked as it is typed
// (the message names the first character that cannot be in a key, so "0" for "O" is caught at
// once), and as soon as it reads, the code it makes now is shown to compare with the site's,
// with where it goes and Save.
export function KeyPanel(props: {
  form: KeyForm;
  setForm: SetStoreFunction<KeyForm>;
  records: RecordView[];
  saving: boolean;
  onSave: (otps: Otp[], target: Target) => void;
  onProblem: (error: unknown) => void;
}) {
  const id = createUniqueId();
  const now = createNow();
  // The OTP the form makes as it stands, or null while the key or a setting is not valid yet.
  const otp = createMemo<Otp | null>(() => {
    if (props.form.key.trim() === '') return null;
    try {
      return otpFromKeyForm(props.form);
    } catch {
      return null;
    }
  });
  const suggestions = createMemo(() =>
    suggestRecords(props.records, { issuer: props.form.issuer.trim(), account: props.form.account.trim() }),
  );
  const [target, setTarget] = createSignal<Target>(initialTarget(suggestions()));
  // The best suggestion follows the names as they are typed, until the user picks a place.
  const [picked, setPicked] = createSignal(false);
  createEffect(
    on(suggestions, (list) => {
      if (!picked()) setTarget(initialTarget(list));
    }),
  );
  const keyProblem = createMemo(() => {
    if (props.form.key.trim() === '') return null;
    try {
      normaliseSetupKey(props.form.key);
      return null;
    } catch (error) {
      return describeProblem(error).message;
    }
  });
  const type = () => props.form.type;

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (props.saving) return;
    try {
      props.onSave([otpFromKeyForm(props.form)], target());
    } catch (error) {
      props.onProblem(error);
    }
  };

  return (
    <form class="add-key" onSubmit={submit} novalidate>
      <div class="add-field">
        <label for={`${id}-key`}>Setup key</label>
        <input
          id={`${id}-key`}
          type="text"
          class="add-mono"
          value={props.form.key}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          aria-invalid={keyProblem() !== null}
          aria-describedby={`${id}-key-help`}
          onInput={(e) => props.setForm('key', e.currentTarget.value)}
        />
        <span
          id={`${id}-key-help`}
          class="add-help"
          classList={{ 'add-help-error': keyProblem() !== null }}
          aria-live="polite"
        >
          {keyProblem() ?? 'Letters A–Z and digits 2–7; spaces, dashes and case do not matter.'}
        </span>
      </div>
      <div class="add-field">
        <label for={`${id}-issuer`}>Issuer</label>
        <input
          id={`${id}-issuer`}
          type="text"
          value={props.form.issuer}
          autocomplete="off"
          aria-describedby={`${id}-issuer-help`}
          onInput={(e) => props.setForm('issuer', e.currentTarget.value)}
        />
        <span id={`${id}-issuer-help`} class="add-help">
          The website or service the code is for.
        </span>
      </div>
      <div class="add-field">
        <label for={`${id}-account`}>Account</label>
        <input
          id={`${id}-account`}
          type="text"
          value={props.form.account}
          autocomplete="off"
          aria-describedby={`${id}-account-help`}
          onInput={(e) => props.setForm('account', e.currentTarget.value)}
        />
        <span id={`${id}-account-help`} class="add-help">
          Your user name or email there.
        </span>
      </div>
      <details class="add-advanced">
        <summary>Advanced</summary>
        <p class="add-muted">Change these only if the website says so; most use the defaults.</p>
        <div class="add-fields">
          <div class="add-field">
            <label for={`${id}-type`}>Type</label>
            <select
              id={`${id}-type`}
              value={props.form.type}
              onChange={(e) => props.setForm('type', e.currentTarget.value as OtpType)}
            >
              <option value="totp">Time-based (TOTP)</option>
              <option value="hotp">Counter-based (HOTP)</option>
              <option value="steam">Steam Guard</option>
            </select>
          </div>
          <Show when={type() !== 'steam'}>
            <div class="add-field">
              <label for={`${id}-algorithm`}>Algorithm</label>
              <select
                id={`${id}-algorithm`}
                value={props.form.algorithm}
                onChange={(e) => props.setForm('algorithm', e.currentTarget.value as OtpAlgorithm)}
              >
                {OTP_ALGORITHMS.map((a) => (
                  <option value={a}>{a}</option>
                ))}
              </select>
            </div>
            <div class="add-field">
              <label for={`${id}-digits`}>Digits</label>
              <input
                id={`${id}-digits`}
                type="number"
                inputmode="numeric"
                min={DIGITS.min}
                max={DIGITS.max}
                value={props.form.digits}
                onInput={(e) => props.setForm('digits', e.currentTarget.value)}
              />
            </div>
          </Show>
          <Show when={type() === 'totp'}>
            <div class="add-field">
              <label for={`${id}-period`}>Period (seconds)</label>
              <input
                id={`${id}-period`}
                type="number"
                inputmode="numeric"
                min={PERIOD.min}
                max={PERIOD.max}
                value={props.form.period}
                onInput={(e) => props.setForm('period', e.currentTarget.value)}
              />
            </div>
          </Show>
          <Show when={type() === 'hotp'}>
            <div class="add-field">
              <label for={`${id}-counter`}>Counter</label>
              <input
                id={`${id}-counter`}
                type="number"
                inputmode="numeric"
                min={COUNTER.min}
                value={props.form.counter}
                onInput={(e) => props.setForm('counter', e.currentTarget.value)}
              />
            </div>
          </Show>
          <Show when={type() === 'steam'}>
            <p class="add-muted">Steam Guard codes are always 5 characters, every 30 seconds.</p>
          </Show>
        </div>
      </details>
      <Show when={otp()}>
        {(made) => (
          <section class="add-review" aria-label="Check and save">
            <h3 class="add-step-title">Check and save</h3>
            <OtpPreview otp={made()} now={now()} />
            <TargetChooser
              records={props.records}
              suggestions={suggestions()}
              target={target()}
              onChange={(next) => {
                setPicked(true);
                setTarget(next);
              }}
            />
          </section>
        )}
      </Show>
      <div class="add-actions">
        <button type="submit" class="add-button add-button-primary" disabled={props.saving} aria-busy={props.saving}>
          {props.saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
