import { Show, type Accessor, type JSX } from 'solid-js';
import type { RecordView } from '@tessera/core/vault/record';
import type { Otp } from '@tessera/core/otp/types';
import { useServices, useVault } from '../app/services.tsx';
import { navigate } from '../app/router.ts';
import { groupCode } from '../lib/format-code.ts';
import { displayAccount, displayName } from '../lib/record-list.ts';
import { liveCode } from '../services/codes.ts';
import { Avatar } from './Avatar.tsx';
import { Countdown } from './Countdown.tsx';
import { Icon } from './icons.tsx';
import { useCopy } from './use-copy.ts';

/** The whole name and account, as a tooltip for where two lines are still too few. */
const fullText = (name: string, account: string) => (account ? `${name} · ${account}` : name);

/**
 * A name or account that may wrap onto a second line: a break is allowed after "@" and before
 * each "." (so "alice@example.com" wraps as "alice@" / "example.com", never mid-word).
 */
function breakable(text: string): JSX.Element {
  const parts = text.split(/(?<=@)|(?=\.)/);
  return parts.flatMap((part, i) => (i === 0 ? [part] : [<wbr />, part]));
}

// One record in the list. The row's DOM is reused as records change under it (scrolling, an
// edit); inside it only the ticking code and countdown change with time.
export function CodeRow(props: { record: RecordView; selected: boolean; marked?: boolean }) {
  const name = () => displayName(props.record);
  const account = () => displayAccount(props.record);
  const open = () => navigate({ name: 'record', id: props.record.id });
  return (
    <div
      class="row"
      classList={{ 'row-selected': props.selected, 'row-marked': props.marked === true }}
      data-selected={props.selected ? '' : undefined}
      data-record-id={props.record.id}
    >
      <Show
        when={props.record.otp}
        fallback={
          <button
            type="button"
            class="row-main"
            data-row-focus
            onClick={open}
            title={fullText(name(), account() || props.record.url)}
          >
            <Avatar name={name()} url={props.record.url} />
            <span class="row-text">
              <span class="row-name">
                {breakable(name())}
                <Show when={props.record.favourite}>
                  <Icon name="star" class="row-star" filled />
                </Show>
              </span>
              <span class="row-account">{breakable(account() || props.record.url)}</span>
            </span>
            <Icon name="key" class="row-kind" />
            <span class="visually-hidden">, open</span>
          </button>
        }
      >
        {(otp) => <OtpRowBody record={props.record} otp={otp()} name={name} account={account} />}
      </Show>
      <button
        type="button"
        class="row-open icon-button"
        onClick={open}
        aria-label={`Details of ${name()}`}
        aria-current={props.selected ? 'true' : undefined}
      >
        <Icon name="chevron" />
      </button>
    </div>
  );
}

function OtpRowBody(props: { record: RecordView; otp: Otp; name: Accessor<string>; account: Accessor<string> }) {
  const { ticker, settings } = useServices();
  const vault = useVault();
  const copy = useCopy();
  const live = liveCode(
    () => props.otp,
    ticker.now,
    () => settings.settings.clockOffsetMs,
  );
  const isHotp = () => props.otp.type === 'hotp';
  return (
    <>
      <button
        type="button"
        class="row-main"
        data-row-focus
        onClick={() => void copy(live.code(), 'Code copied', props.record.id)}
        title={fullText(props.name(), props.account())}
      >
        <Avatar name={props.name()} issuer={props.otp.issuer} url={props.record.url} />
        <span class="row-text">
          <span class="row-name">
            {breakable(props.name())}
            <Show when={props.record.favourite}>
              <Icon name="star" class="row-star" filled />
            </Show>
          </span>
          <span class="row-account">{breakable(props.account())}</span>
        </span>
        <span class="row-code-block">
          <span class="row-code" classList={{ 'code-steam': props.otp.type === 'steam' }} data-code={live.code()}>
            {groupCode(live.code())}
          </span>
          <span class="row-next" aria-hidden="true">
            {isHotp() ? `counter ${props.otp.counter}` : `next ${groupCode(live.next())}`}
          </span>
        </span>
        <Countdown secondsLeft={live.secondsLeft()} period={live.period()} />
        <span class="visually-hidden">, copy code</span>
      </button>
      <Show when={isHotp()}>
        <button
          type="button"
          class="icon-button row-hotp"
          aria-label={`Next code for ${props.name()}`}
          onClick={() => void vault.nextHotp(props.record.id)}
        >
          <Icon name="refresh" />
        </button>
      </Show>
    </>
  );
}
