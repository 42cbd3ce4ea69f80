import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { base32Encode } from '@tessera/core/otp/base32';
import type { Otp } from '@tessera/core/otp/types';
import type { RecordInput, RecordView } from '@tessera/core/vault/record';
import { useServices, useVault } from '../app/services.tsx';
import { navigate } from '../app/router.ts';
import { Icon } from '../components/icons.tsx';
import { PasswordGenerator } from '../components/PasswordGenerator.tsx';
import { EMPTY_OTP_DRAFT, linkNames, otpFromDraft, parseTags, type OtpDraft } from '../lib/otp-form.ts';
import { displayName } from '../lib/record-list.ts';
import { BackBar, NotFound } from './RecordDetail.tsx';

export function RecordEditor(props: { id: string | null }) {
  const vault = useVault();
  return (
    <Show when={props.id !== null} fallback={<EditorForm record={null} />}>
      <Show when={vault.view(props.id!)} keyed fallback={<NotFound />}>
        {(found) => <EditorForm record={found} />}
      </Show>
    </Show>
  );
}

type OtpMode = 'keep' | 'enter' | 'none';

function EditorForm(props: { record: RecordView | null }) {
  const vault = useVault();
  const { toasts } = useServices();
  const start = props.record;
  const [form, setForm] = createStore({
    title: start?.title ?? '',
    url: start?.url ?? '',
    username: start?.username ?? '',
    password: start?.password ?? '',
    notes: start?.notes ?? '',
    tags: start?.tags.join(', ') ?? '',
    favourite: start?.favourite ?? false,
    issuer: start?.otp?.issuer ?? '',
    account: start?.otp?.account ?? '',
  });
  const [otpMode, setOtpMode] = createSignal<OtpMode>(start?.otp ? 'keep' : 'none');
  // An entry that is only a code edits as a code: its names and tags first, the login fields
  // folded behind "Add login details" until asked for.
  const codeOnly =
    start?.otp != null &&
    !start.title.trim() &&
    !start.url.trim() &&
    !start.username &&
    !start.password &&
    !start.notes;
  const [showLogin, setShowLogin] = createSignal(!codeOnly);
  const [draft, setDraft] = createStore<OtpDraft>({ ...EMPTY_OTP_DRAFT });
  const [showPassword, setShowPassword] = createSignal(false);
  const [generating, setGenerating] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);

  const otpToSave = (): Otp | null | undefined => {
    if (otpMode() === 'enter') return otpFromDraft(draft);
    if (otpMode() === 'none') return start?.otp ? null : undefined;
    if (!start?.otp) return undefined;
    const issuer = form.issuer.trim();
    const account = form.account.trim();
    if (issuer === start.otp.issuer && account === start.otp.account) return undefined;
    // Relabel the OTP as it is now, not as it was when the form opened: another device may have
    // advanced the HOTP counter meanwhile, and a lower counter would be taken as a resync.
    const current = vault.view(start.id)?.otp ?? start.otp;
    return { ...current, issuer, account };
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (saving()) return;
    setError(null);
    let otp: Otp | null | undefined;
    try {
      otp = otpToSave();
    } catch (failure) {
      setError(
        `The one-time password settings are not valid: ${failure instanceof Error ? failure.message : String(failure)}`,
      );
      return;
    }
    const input: RecordInput = {
      title: form.title.trim(),
      url: form.url.trim(),
      username: form.username,
      password: form.password,
      notes: form.notes,
      tags: parseTags(form.tags),
      favourite: form.favourite,
      ...(otp === undefined ? {} : { otp }),
    };
    // Only what was changed here is written: a field changed meanwhile elsewhere (another tab,
    // a sync) keeps that value instead of being reset to what this form started from.
    if (start) {
      const initial = {
        title: start.title.trim(),
        url: start.url.trim(),
        username: start.username,
        password: start.password,
        notes: start.notes,
        favourite: start.favourite,
      };
      for (const key of ['title', 'url', 'username', 'password', 'notes', 'favourite'] as const)
        if (input[key] === initial[key]) delete input[key];
      if (JSON.stringify(input.tags) === JSON.stringify(start.tags)) delete input.tags;
    }
    if (!start && !input.title && !input.url && !input.username && !input.password && !otp) {
      setError('Give the record a title, a website, a login or a one-time password.');
      return;
    }
    setSaving(true);
    try {
      const id = start ? (await vault.update(start.id, input), start.id) : await vault.create(input);
      toasts.show(start ? 'Saved' : 'Record added');
      navigate({ name: 'record', id }, { replace: true });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setSaving(false);
    }
  };

  // The blocks of the form, in the order that fits the entry (codeOnly above).
  const otpBlock = () => (
    <fieldset class="otp-fieldset">
      <legend>One-time password</legend>
      <Show when={otpMode() === 'keep' && start?.otp}>
        {(otp) => (
          <>
            <TextField id="otp-issuer" label="Issuer" value={form.issuer} onInput={(v) => setForm('issuer', v)} />
            <TextField id="otp-account" label="Account" value={form.account} onInput={(v) => setForm('account', v)} />
            <p class="otp-summary">
              {otp().type === 'steam' ? 'Steam Guard' : otp().type.toUpperCase()} · key{' '}
              {base32Encode(otp().secret).slice(0, 4)}…
            </p>
            <div class="button-row">
              <button
                type="button"
                class="button"
                onClick={() => {
                  setDraft({ ...EMPTY_OTP_DRAFT, issuer: form.issuer, account: form.account });
                  setOtpMode('enter');
                }}
              >
                Replace
              </button>
              <button type="button" class="button button-danger" onClick={() => setOtpMode('none')}>
                Remove
              </button>
            </div>
          </>
        )}
      </Show>
      <Show when={otpMode() === 'none'}>
        <p class="muted">
          {start?.otp ? 'The one-time password will be removed when you save.' : 'No one-time password attached.'}
        </p>
        <div class="button-row">
          <button
            type="button"
            class="button"
            onClick={() => {
              setDraft({ ...EMPTY_OTP_DRAFT, issuer: form.title });
              setOtpMode('enter');
            }}
          >
            <Icon name="key" /> Enter a setup key
          </button>
          <Show when={start?.otp}>
            <button type="button" class="button" onClick={() => setOtpMode('keep')}>
              Keep it
            </button>
          </Show>
          <Show when={!start}>
            <button type="button" class="button" onClick={() => navigate({ name: 'add' })}>
              Scan a QR code…
            </button>
          </Show>
        </div>
      </Show>
      <Show when={otpMode() === 'enter'}>
        <OtpEntry draft={draft} setDraft={setDraft} />
        <button type="button" class="button" onClick={() => setOtpMode(start?.otp ? 'keep' : 'none')}>
          Cancel
        </button>
      </Show>
    </fieldset>
  );
  const tagsBlock = () => (
    <>
      <TextField
        id="record-tags"
        label="Tags"
        value={form.tags}
        onInput={(v) => setForm('tags', v)}
        hint="Separate tags with commas."
      />
      <label class="check">
        <input
          type="checkbox"
          checked={form.favourite}
          onChange={(e) => setForm('favourite', e.currentTarget.checked)}
        />
        <span>Favourite (pinned on top)</span>
      </label>
    </>
  );
  const loginBlock = () => (
    <Show
      when={showLogin()}
      fallback={
        <button
          type="button"
          class="button editor-more"
          aria-expanded="false"
          onClick={() => {
            setShowLogin(true);
            queueMicrotask(() => document.getElementById('record-title')?.focus());
          }}
        >
          <Icon name="plus" /> Add login details
        </button>
      }
    >
      <TextField
        id="record-title"
        label="Title"
        value={form.title}
        onInput={(v) => setForm('title', v)}
        autofocus={!start}
      />
      <TextField
        id="record-url"
        label="Website"
        value={form.url}
        onInput={(v) => setForm('url', v)}
        type="url"
        inputmode="url"
      />
      <TextField
        id="record-username"
        label="Username or email"
        value={form.username}
        onInput={(v) => setForm('username', v)}
        autocomplete="off"
      />
      <div class="field">
        <label for="record-password">Password</label>
        <div class="input-with-button">
          <input
            id="record-password"
            type={showPassword() ? 'text' : 'password'}
            class="mono"
            value={form.password}
            onInput={(e) => setForm('password', e.currentTarget.value)}
            autocomplete="new-password"
            spellcheck={false}
            autocapitalize="off"
          />
          <button
            type="button"
            class="icon-button"
            aria-pressed={showPassword()}
            aria-label={showPassword() ? 'Hide password' : 'Show password'}
            onClick={() => setShowPassword(!showPassword())}
          >
            <Icon name={showPassword() ? 'eyeOff' : 'eye'} />
          </button>
          <button
            type="button"
            class="icon-button"
            aria-label="Generate a password"
            aria-expanded={generating()}
            onClick={() => setGenerating(!generating())}
          >
            <Icon name="dice" />
          </button>
        </div>
        <Show when={generating()}>
          <PasswordGenerator
            onClose={() => setGenerating(false)}
            onUse={(value) => {
              setForm('password', value);
              setShowPassword(true);
              setGenerating(false);
            }}
          />
        </Show>
      </div>
      <div class="field">
        <label for="record-notes">Notes</label>
        <textarea
          id="record-notes"
          rows="4"
          value={form.notes}
          onInput={(e) => setForm('notes', e.currentTarget.value)}
        />
      </div>
    </Show>
  );
  const codeFirst = () => (
    <>
      {otpBlock()}
      {tagsBlock()}
      {loginBlock()}
    </>
  );
  const loginFirst = () => (
    <>
      {loginBlock()}
      {tagsBlock()}
      {otpBlock()}
    </>
  );

  const cancel = () =>
    start ? navigate({ name: 'record', id: start.id }, { replace: true }) : navigate({ name: 'codes' });

  return (
    <section class="detail" aria-labelledby="editor-title">
      <BackBar title={start ? `Edit ${displayName(start)}` : 'New record'} />
      <form class="detail-body editor" onSubmit={submit} novalidate>
        <h1 id="editor-title" class="visually-hidden" tabIndex={-1}>
          {start ? `Edit ${displayName(start)}` : 'New record'}
        </h1>
        <Show when={codeOnly} fallback={<>{loginFirst()}</>}>
          {codeFirst()}
        </Show>
        <Show when={error()}>
          {(text) => (
            <p class="form-error" role="alert">
              {text()}
            </p>
          )}
        </Show>
        <div class="editor-actions">
          <button type="button" class="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" class="button button-primary" disabled={saving()}>
            {start ? 'Save' : 'Add record'}
          </button>
        </div>
      </form>
    </section>
  );
}

function OtpEntry(props: { draft: OtpDraft; setDraft: import('solid-js/store').SetStoreFunction<OtpDraft> }) {
  const d = props.draft;
  // The names start from the title (or the code being replaced); a link pasted in the key box
  // brings its own issuer and account, which take the place of those but never of a name the
  // user typed here.
  const [typedIssuer, setTypedIssuer] = createSignal(false);
  const [typedAccount, setTypedAccount] = createSignal(false);
  const keyInput = (value: string) => {
    props.setDraft('key', value);
    const link = linkNames(value);
    if (link === null) return;
    if (!typedIssuer() && link.issuer) props.setDraft('issuer', link.issuer);
    if (!typedAccount() && link.account) props.setDraft('account', link.account);
  };
  return (
    <div class="otp-entry">
      <TextField
        id="otp-key"
        label="Setup key or otpauth:// link"
        value={d.key}
        onInput={keyInput}
        hint="Spaces and letter case do not matter."
        mono
      />
      <TextField
        id="otp-new-issuer"
        label="Issuer"
        value={d.issuer}
        onInput={(v) => {
          setTypedIssuer(true);
          props.setDraft('issuer', v);
        }}
      />
      <TextField
        id="otp-new-account"
        label="Account"
        value={d.account}
        onInput={(v) => {
          setTypedAccount(true);
          props.setDraft('account', v);
        }}
      />
      <details class="advanced">
        <summary>Advanced</summary>
        <div class="advanced-grid">
          <SelectField
            id="otp-type"
            label="Type"
            value={d.type}
            onChange={(v) => props.setDraft('type', v as OtpDraft['type'])}
            options={[
              ['totp', 'Time-based (TOTP)'],
              ['hotp', 'Counter-based (HOTP)'],
              ['steam', 'Steam Guard'],
            ]}
          />
          <Show when={d.type !== 'steam'}>
            <SelectField
              id="otp-algorithm"
              label="Algorithm"
              value={d.algorithm}
              onChange={(v) => props.setDraft('algorithm', v as OtpDraft['algorithm'])}
              options={[
                ['SHA1', 'SHA-1'],
                ['SHA256', 'SHA-256'],
                ['SHA512', 'SHA-512'],
              ]}
            />
            <SelectField
              id="otp-digits"
              label="Digits"
              value={String(d.digits)}
              onChange={(v) => props.setDraft('digits', Number(v))}
              options={[
                ['6', '6'],
                ['7', '7'],
                ['8', '8'],
              ]}
            />
          </Show>
          <Show when={d.type === 'totp'}>
            <TextField
              id="otp-period"
              label="Period (seconds)"
              value={String(d.period)}
              type="number"
              inputmode="numeric"
              onInput={(v) => props.setDraft('period', Number(v))}
            />
          </Show>
          <Show when={d.type === 'hotp'}>
            <TextField
              id="otp-counter"
              label="Counter"
              value={String(d.counter)}
              type="number"
              inputmode="numeric"
              onInput={(v) => props.setDraft('counter', Number(v))}
            />
          </Show>
        </div>
      </details>
    </div>
  );
}

function TextField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
  hint?: string;
  type?: string;
  inputmode?: 'url' | 'numeric';
  autocomplete?: string;
  mono?: boolean;
  autofocus?: boolean;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        inputmode={props.inputmode}
        autocomplete={props.autocomplete ?? 'off'}
        class={props.mono ? 'mono' : undefined}
        spellcheck={false}
        data-autofocus={props.autofocus ? '' : undefined}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <Show when={props.hint}>
        <p class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
    </div>
  );
}

function SelectField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <For each={props.options}>{([value, label]) => <option value={value}>{label}</option>}</For>
      </select>
    </div>
  );
}
