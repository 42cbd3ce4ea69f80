import { createSignal, For, Show } from 'solid-js';
import type { Otp } from '@tessera/core/otp/types';
import type { RecordView } from '@tessera/core/vault/record';
import { useServices, useVault } from '../app/services.tsx';
import { navigate } from '../app/router.ts';
import { Avatar } from '../components/Avatar.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { Icon } from '../components/icons.tsx';
import { useCopy } from '../components/use-copy.ts';
import { groupCode } from '../lib/format-code.ts';
import { displayAccount, displayName, hostOf } from '../lib/record-list.ts';
import { liveCode } from '../services/codes.ts';
import { useDelete } from './use-delete.ts';

export function RecordDetail(props: { id: string }) {
  const vault = useVault();
  const record = () => vault.records().find((r) => r.id === props.id);
  return (
    <Show when={record()} fallback={<NotFound />}>
      {(r) => <RecordBody record={r()} />}
    </Show>
  );
}

export function NotFound() {
  return (
    <section class="detail">
      <BackBar title="Not found" />
      <div class="empty">
        <h2>This record is not in the vault</h2>
        <p>It may have been deleted on this device.</p>
      </div>
    </section>
  );
}

export function BackBar(props: { title: string; children?: import('solid-js').JSX.Element }) {
  return (
    <header class="detail-bar">
      <button
        type="button"
        class="icon-button back-button"
        aria-label="Back to the list"
        onClick={() => navigate({ name: 'codes' })}
      >
        <Icon name="back" />
      </button>
      <h2 class="detail-bar-title">{props.title}</h2>
      <div class="detail-bar-actions">{props.children}</div>
    </header>
  );
}

function RecordBody(props: { record: RecordView }) {
  const vault = useVault();
  const copy = useCopy();
  const remove = useDelete();
  const [revealed, setRevealed] = createSignal(false);
  const name = () => displayName(props.record);
  const safeUrl = () => {
    const host = hostOf(props.record.url);
    if (!host) return null;
    try {
      const url = new URL(
        /^[a-z][a-z\d+.-]*:/i.test(props.record.url) ? props.record.url : `https://${props.record.url}`,
      );
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch {
      return null;
    }
  };
  return (
    <section class="detail" aria-labelledby="detail-title">
      <BackBar title={name()}>
        <button
          type="button"
          class="icon-button"
          aria-pressed={props.record.favourite}
          aria-label={props.record.favourite ? 'Remove from favourites' : 'Add to favourites'}
          onClick={() => void vault.update(props.record.id, { favourite: !props.record.favourite })}
        >
          <Icon name="star" filled={props.record.favourite} />
        </button>
        <button type="button" class="button" onClick={() => navigate({ name: 'edit', id: props.record.id })}>
          <Icon name="edit" /> Edit
        </button>
      </BackBar>
      <div class="detail-body">
        <div class="detail-head">
          <Avatar name={name()} issuer={props.record.otp?.issuer} url={props.record.url} size="large" />
          <div>
            <h1 id="detail-title" class="detail-title" tabIndex={-1}>
              {name()}
            </h1>
            <Show when={displayAccount(props.record)}>
              <p class="detail-sub">{displayAccount(props.record)}</p>
            </Show>
          </div>
        </div>
        <Show when={props.record.otp}>{(otp) => <OtpPanel record={props.record} otp={otp()} name={name()} />}</Show>
        <dl class="fields">
          <Show when={props.record.username}>
            <Field label="Username">
              <span class="field-value">{props.record.username}</span>
              <button
                type="button"
                class="icon-button"
                aria-label="Copy username"
                onClick={() => void copy(props.record.username, 'Username copied', props.record.id)}
              >
                <Icon name="copy" />
              </button>
            </Field>
          </Show>
          <Show when={props.record.password}>
            <Field label="Password">
              <span class="field-value mono">{revealed() ? props.record.password : '••••••••••••'}</span>
              <button
                type="button"
                class="icon-button"
                aria-pressed={revealed()}
                aria-label={revealed() ? 'Hide password' : 'Show password'}
                onClick={() => setRevealed(!revealed())}
              >
                <Icon name={revealed() ? 'eyeOff' : 'eye'} />
              </button>
              <button
                type="button"
                class="icon-button"
                aria-label="Copy password"
                onClick={() => void copy(props.record.password, 'Password copied', props.record.id)}
              >
                <Icon name="copy" />
              </button>
            </Field>
          </Show>
          <Show when={props.record.url}>
            <Field label="Website">
              <Show when={safeUrl()} fallback={<span class="field-value">{props.record.url}</span>}>
                {(href) => (
                  <a class="field-value" href={href()} target="_blank" rel="noopener noreferrer">
                    {hostOf(props.record.url)}
                  </a>
                )}
              </Show>
              <button
                type="button"
                class="icon-button"
                aria-label="Copy website address"
                onClick={() => void copy(props.record.url, 'Address copied')}
              >
                <Icon name="copy" />
              </button>
            </Field>
          </Show>
          <Show when={props.record.notes}>
            <Field label="Notes">
              <p class="field-value notes">{props.record.notes}</p>
            </Field>
          </Show>
          <Show when={props.record.tags.length > 0}>
            <Field label="Tags">
              <span class="tag-list">
                <For each={props.record.tags}>{(tag) => <span class="tag">{tag}</span>}</For>
              </span>
            </Field>
          </Show>
        </dl>
        <div class="detail-footer">
          <Show when={props.record.otp}>
            <p class="muted delete-reminder" id="delete-reminder">
              Deleting this code? Turn off two-factor sign-in at the site first (or move it to another authenticator):
              without the code you may not be able to sign in there.
            </p>
          </Show>
          <button
            type="button"
            class="button button-danger"
            aria-describedby={props.record.otp ? 'delete-reminder' : undefined}
            onClick={() => void remove(props.record)}
          >
            <Icon name="trash" /> Delete
          </button>
        </div>
      </div>
    </section>
  );
}

function Field(props: { label: string; children: import('solid-js').JSX.Element }) {
  return (
    <div class="field-row">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function OtpPanel(props: { record: RecordView; otp: Otp; name: string }) {
  const { ticker, settings } = useServices();
  const vault = useVault();
  const copy = useCopy();
  const live = liveCode(
    () => props.otp,
    ticker.now,
    () => settings.settings.clockOffsetMs,
  );
  const kind = () =>
    props.otp.type === 'steam'
      ? 'Steam Guard'
      : props.otp.type === 'hotp'
        ? `Counter-based (HOTP), counter ${props.otp.counter}`
        : `Time-based (TOTP), ${props.otp.period} s, ${props.otp.digits} digits${props.otp.algorithm === 'SHA1' ? '' : `, ${props.otp.algorithm}`}`;
  return (
    <div class="otp-panel">
      <button
        type="button"
        class="otp-code-button"
        onClick={() => void copy(live.code(), 'Code copied', props.record.id)}
      >
        <span class="visually-hidden">Copy code </span>
        <span class="otp-code" classList={{ 'code-steam': props.otp.type === 'steam' }} data-code={live.code()}>
          {groupCode(live.code())}
        </span>
        <Countdown secondsLeft={live.secondsLeft()} period={live.period()} />
        <Icon name="copy" class="otp-copy-icon" />
      </button>
      <div class="otp-meta">
        <span>
          Next:{' '}
          <span class="mono" data-next-code={live.next()}>
            {groupCode(live.next())}
          </span>
        </span>
        <span class="otp-kind">{kind()}</span>
        <Show when={props.otp.type === 'hotp'}>
          <button type="button" class="button" onClick={() => void vault.nextHotp(props.record.id)}>
            <Icon name="refresh" /> Next code
          </button>
        </Show>
        <button
          type="button"
          class="button"
          onClick={() => navigate({ name: 'transfer', path: ['qr', props.record.id] })}
        >
          Show QR code
        </button>
      </div>
    </div>
  );
}
