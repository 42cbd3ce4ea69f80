import { For, Match, Show, Switch } from 'solid-js';
import { ENROLLABLE_METHODS, type EnrollableMethod, type TwoFactorStatus } from '@tessera/core/sync/two-factor';
import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';
import { enabledSince, METHOD_NAME } from './messages.ts';

export type MethodAction = { kind: 'setup' | 'off'; method: EnrollableMethod } | { kind: 'new-codes' };

const ABOUT: Record<EnrollableMethod, string> = {
  totp: 'A 6-digit code from an app such as Aegis, Google Authenticator or 1Password, on another device. Works without a network.',
  email: "A 6-digit code sent to the account's email address when you sign in.",
  sms: "A 6-digit code sent to your mobile phone when you sign in. Your carrier's rates may apply.",
};

// The methods with their state (off, set-up not finished, on) and what can be done with each.
export function MethodList(props: { status: TwoFactorStatus; onAction: (action: MethodAction) => void }) {
  const methods = () => props.status.methods;
  const detail = (method: EnrollableMethod): string | null => {
    if (method === 'email') return methods().email.address;
    if (method === 'sms') return methods().sms.phone;
    return null;
  };
  const recovery = () => methods().recovery;
  const total = TWO_FACTOR_RULES.recoveryCodeCount;

  return (
    <>
      <p
        class={props.status.on ? 'twofa-summary twofa-summary-on' : 'twofa-summary'}
        role="status"
        data-testid="twofa-summary"
      >
        {props.status.on
          ? 'Two-factor sign-in is on: signing in on a new device needs the master password and one of the methods below.'
          : 'Two-factor sign-in is off: the master password alone signs in on a new device. Turn on one or more methods below.'}
      </p>
      <p class="muted">
        Devices already signed in stay signed in when you change these; the next new sign-in uses them.
      </p>
      <ul class="twofa-methods">
        <For each={ENROLLABLE_METHODS}>
          {(method) => {
            const state = () => methods()[method].state;
            return (
              <li class="twofa-method" data-method={method} data-state={state()}>
                <div class="twofa-method-head">
                  <h3>{METHOD_NAME[method]}</h3>
                  <span class="twofa-state" data-state={state()}>
                    {state() === 'on' ? 'On' : state() === 'pending' ? 'Not finished' : 'Off'}
                  </span>
                </div>
                <p class="muted">{ABOUT[method]}</p>
                <Show when={state() !== 'off' && detail(method)}>
                  {(text) => (
                    <p class="twofa-detail">
                      {state() === 'pending' ? `Waiting for the code sent to ${text()}` : text()}
                    </p>
                  )}
                </Show>
                <Show when={state() === 'on' && methods()[method].enabledAt}>
                  {(at) => <p class="muted">On {enabledSince(at())}.</p>}
                </Show>
                <div class="button-row">
                  <Switch>
                    <Match when={state() === 'off'}>
                      <button type="button" class="button" onClick={() => props.onAction({ kind: 'setup', method })}>
                        Turn on…
                      </button>
                    </Match>
                    <Match when={state() === 'pending'}>
                      <button
                        type="button"
                        class="button button-primary"
                        onClick={() => props.onAction({ kind: 'setup', method })}
                      >
                        Finish setting up…
                      </button>
                      <button type="button" class="button" onClick={() => props.onAction({ kind: 'off', method })}>
                        Cancel the set-up…
                      </button>
                    </Match>
                    <Match when={state() === 'on'}>
                      <button
                        type="button"
                        class="button button-danger"
                        onClick={() => props.onAction({ kind: 'off', method })}
                      >
                        Turn off…
                      </button>
                    </Match>
                  </Switch>
                </div>
              </li>
            );
          }}
        </For>
        <li class="twofa-method" data-method="recovery" data-state={recovery().state}>
          <div class="twofa-method-head">
            <h3>Recovery codes</h3>
            <span class="twofa-state" data-state={recovery().state}>
              {recovery().state === 'on' ? `${recovery().remaining} of ${total} left` : 'Off'}
            </span>
          </div>
          <Show
            when={recovery().state === 'on'}
            fallback={
              <p class="muted">
                Ten single-use codes for when you cannot use the other methods. They are made when you turn on your
                first method.
              </p>
            }
          >
            <p class="muted">Single-use codes for when you cannot use the other methods. Each works once.</p>
            <Show when={recovery().remaining <= 3}>
              <p class="callout callout-warning">
                {recovery().remaining === 0
                  ? 'No recovery codes are left: sign-in no longer offers them.'
                  : `Only ${recovery().remaining} left.`}{' '}
                Make new ones.
              </p>
            </Show>
            <div class="button-row">
              <button type="button" class="button" onClick={() => props.onAction({ kind: 'new-codes' })}>
                Make new codes…
              </button>
            </div>
          </Show>
        </li>
      </ul>
    </>
  );
}
