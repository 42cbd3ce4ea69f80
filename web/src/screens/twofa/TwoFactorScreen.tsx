import { createEffect, createSignal, Match, on, onMount, Show, Switch } from 'solid-js';
import type { EnrollableMethod, TwoFactorChangeResponse, TwoFactorStatus } from '@tessera/core/sync/two-factor';
import { navigate } from '../../app/router.ts';
import { useServices } from '../../app/services.tsx';
import { Progress } from '../../components/Progress.tsx';
import { BackBar } from '../RecordDetail.tsx';
import { AuthenticatorSetup } from './AuthenticatorSetup.tsx';
import { EmailSetup } from './EmailSetup.tsx';
import { failureText, METHOD_NAME } from './messages.ts';
import { MethodList, type MethodAction } from './MethodList.tsx';
import { PasswordStep } from './PasswordStep.tsx';
import { PhoneSetup } from './PhoneSetup.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { useTwoFactor } from './use-twofa.ts';
import './twofa.css';

type View =
  | { kind: 'list' }
  | MethodAction
  | { kind: 'codes'; codes: string[]; reason: 'first' | 'new'; heading: string };

// Settings > Account & sync > Two-factor authentication: the sync account's second factors. One view
// at a time (the list, a set-up, a password step, the recovery codes), so a phone shows each
// step whole.
export default function TwoFactorScreen() {
  const { account, toasts } = useServices();
  const twofa = useTwoFactor();
  const [status, setStatus] = createSignal<TwoFactorStatus | null>(null);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const [view, setView] = createSignal<View>({ kind: 'list' });
  let root!: HTMLDivElement;
  const signedIn = () => Boolean(account.account()?.token);

  const load = async () => {
    setLoadError(null);
    try {
      setStatus(await twofa.status());
    } catch (failure) {
      setLoadError(failureText(failure));
    }
  };
  onMount(() => {
    if (signedIn()) void load();
  });

  // Each new view takes the focus (its heading), so keyboard and screen-reader users land on it.
  createEffect(
    on(view, () =>
      queueMicrotask(() => root.querySelector<HTMLElement>('[data-autofocus]')?.focus({ preventScroll: false })),
    ),
  );

  const back = () => setView({ kind: 'list' });
  const methodFor = (kind: 'setup' | 'off'): EnrollableMethod | null => {
    const current = view();
    return current.kind === kind && 'method' in current ? current.method : null;
  };
  const shownCodes = () => {
    const current = view();
    return current.kind === 'codes' ? current : null;
  };
  const turnedOn = (method: EnrollableMethod, change: TwoFactorChangeResponse) => {
    setStatus(change.twoFactor);
    if (change.recoveryCodes && change.recoveryCodes.length > 0) {
      setView({
        kind: 'codes',
        codes: change.recoveryCodes,
        reason: 'first',
        heading: `${METHOD_NAME[method]} is on. Save your recovery codes`,
      });
    } else {
      back();
      toasts.show(`${METHOD_NAME[method]} is on.`);
    }
  };
  const onlyMethodOn = (method: EnrollableMethod) => {
    const methods = status()?.methods;
    return (
      methods !== undefined &&
      methods[method].state === 'on' &&
      (['totp', 'email', 'sms'] as const).every((m) => m === method || methods[m].state !== 'on')
    );
  };

  return (
    <section class="detail" aria-labelledby="twofa-title">
      <BackBar title="Two-factor authentication" />
      <div class="detail-body settings twofa" ref={root}>
        <h1
          id="twofa-title"
          class="visually-hidden"
          tabIndex={-1}
          data-autofocus={view().kind === 'list' ? '' : undefined}
        >
          Two-factor authentication
        </h1>
        <Show
          when={signedIn()}
          fallback={
            <div class="twofa-flow">
              <p>
                Two-factor sign-in protects your sync account: signing in on a new device then needs a second proof
                besides the master password.
              </p>
              <p class="muted">Turn on sync, or sign in to it, first.</p>
              <button type="button" class="button button-primary" onClick={() => navigate({ name: 'account' })}>
                Account &amp; sync…
              </button>
            </div>
          }
        >
          <Show
            when={status()}
            fallback={
              <Show when={loadError()} fallback={<Progress fraction={null} label="Loading your methods…" />}>
                {(text) => (
                  <div class="twofa-flow">
                    <p class="form-error" role="alert">
                      {text()}
                    </p>
                    <button type="button" class="button button-primary" onClick={() => void load()}>
                      Try again
                    </button>
                  </div>
                )}
              </Show>
            }
          >
            {(current) => (
              <Switch>
                <Match when={view().kind === 'list'}>
                  <MethodList status={current()} onAction={setView} />
                </Match>
                <Match when={methodFor('setup')}>
                  {(method) => (
                    <Switch>
                      <Match when={method() === 'totp'}>
                        <AuthenticatorSetup
                          twofa={twofa}
                          onDone={(change) => turnedOn('totp', change)}
                          onCancel={() => {
                            back();
                            void load();
                          }}
                        />
                      </Match>
                      <Match when={method() === 'email'}>
                        <EmailSetup
                          twofa={twofa}
                          address={current().methods.email.address}
                          onDone={(change) => turnedOn('email', change)}
                          onCancel={() => {
                            back();
                            void load();
                          }}
                        />
                      </Match>
                      <Match when={method() === 'sms'}>
                        <PhoneSetup
                          twofa={twofa}
                          phone={current().methods.sms.phone}
                          onDone={(change) => turnedOn('sms', change)}
                          onCancel={() => {
                            back();
                            void load();
                          }}
                        />
                      </Match>
                    </Switch>
                  )}
                </Match>
                <Match when={methodFor('off')}>
                  {(method) => {
                    const pending = current().methods[method()].state === 'pending';
                    const name = METHOD_NAME[method()];
                    return (
                      <PasswordStep
                        title={pending ? `Cancel setting up: ${name}` : `Turn off: ${name}`}
                        action={pending ? 'Cancel the set-up' : 'Turn off'}
                        danger={!pending}
                        onCancel={back}
                        run={async (password, onStep) => {
                          setStatus(await twofa.turnOff(method(), password, onStep));
                          back();
                          toasts.show(pending ? `${name}: set-up cancelled.` : `${name} is off.`);
                        }}
                      >
                        <Show
                          when={!pending}
                          fallback={
                            <p>
                              The set-up that was waiting for its code is dropped. Enter your master password to confirm
                              it is you.
                            </p>
                          }
                        >
                          <Show
                            when={onlyMethodOn(method())}
                            fallback={
                              <p>The other methods stay on. Enter your master password to confirm it is you.</p>
                            }
                          >
                            <p class="callout callout-warning">
                              This is the only method on: <strong>two-factor sign-in turns off</strong> and your
                              recovery codes are deleted. A new device will then sign in with the master password alone.
                            </p>
                            <p>Enter your master password to confirm it is you.</p>
                          </Show>
                        </Show>
                      </PasswordStep>
                    );
                  }}
                </Match>
                <Match when={view().kind === 'new-codes'}>
                  <PasswordStep
                    title="Make new recovery codes"
                    action="Make new codes"
                    onCancel={back}
                    run={async (password, onStep) => {
                      const made = await twofa.newRecoveryCodes(password, onStep);
                      setStatus(made.twoFactor);
                      setView({
                        kind: 'codes',
                        codes: made.recoveryCodes,
                        reason: 'new',
                        heading: 'Your new recovery codes',
                      });
                    }}
                  >
                    <p class="callout callout-warning">
                      Ten new codes replace the current set: <strong>every earlier recovery code stops working</strong>,
                      including the {current().methods.recovery.remaining} still unused.
                    </p>
                    <p>Enter your master password to confirm it is you.</p>
                  </PasswordStep>
                </Match>
                <Match when={shownCodes()}>
                  {(shown) => (
                    <RecoveryCodes
                      codes={shown().codes}
                      reason={shown().reason}
                      heading={shown().heading}
                      email={account.account()?.email ?? ''}
                      onDone={back}
                    />
                  )}
                </Match>
              </Switch>
            )}
          </Show>
        </Show>
      </div>
    </section>
  );
}
