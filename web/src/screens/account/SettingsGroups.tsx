import { createMemo, createSignal, Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { navigate } from '../../app/router.ts';
import { Icon } from '../../components/icons.tsx';
import { describeOffset } from '../../services/sync/clock-offset.ts';
import { describeStatus } from '../../services/sync/status.ts';
import { useClockDrift } from './ClockWarning.tsx';
import './account.css';

// The two groups the Settings screen shows for this part of the app.

export function SyncSettingsGroup() {
  const { sync, ticker, account } = useServices();
  const text = createMemo(() => describeStatus(sync.status(), ticker.now()));
  return (
    <div class="settings-group">
      <h2>Account &amp; sync</h2>
      <p class="muted">
        {text().title}
        {text().detail && sync.status().state.kind === 'off' ? ` · ${text().detail}` : ''}
      </p>
      <button type="button" class="button" onClick={() => navigate({ name: 'account' })}>
        {sync.status().state.kind === 'off' ? 'Turn on sync…' : 'Account & sync…'}
      </button>
      {/* Two-factor sign-in protects the sync account, so it appears once there is one. */}
      <Show when={account.account()?.token}>
        <button type="button" class="button" onClick={() => navigate({ name: 'twofa' })}>
          <Icon name="key" /> Two-factor authentication
        </button>
      </Show>
    </div>
  );
}

export function ClockSettingsGroup() {
  const { clock, settings } = useServices();
  const drift = useClockDrift();
  const [checking, setChecking] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const check = async () => {
    setChecking(true);
    setFailed(false);
    setFailed((await clock.check()) === null);
    setChecking(false);
  };
  const correction = () => settings.settings.clockOffsetMs;
  return (
    <div class="settings-group">
      <h2>Clock</h2>
      <p class="muted">
        Time-based codes use this device's clock. Tessera compares it with the server's clock to tell when it is wrong.
      </p>
      <Show
        when={drift()}
        fallback={
          <p role="status">{failed() ? 'The server cannot be reached to compare clocks.' : 'Not checked yet.'}</p>
        }
      >
        {(d) => (
          <p role="status" data-testid="clock-status">
            Device clock{' '}
            {Math.abs(d().measured.offsetMs) <= d().measured.uncertaintyMs
              ? 'matches the server'
              : describeOffset(d().measured.offsetMs)}{' '}
            (±{Math.max(1, Math.round(d().measured.uncertaintyMs / 1000))} s)
            {d().off ? ': codes may be refused.' : '.'}
          </p>
        )}
      </Show>
      <Show when={correction() !== 0}>
        <p>
          Codes are corrected by {describeOffset(correction()).replace(/ (behind|ahead)$/, '')}{' '}
          {correction() > 0 ? 'forward' : 'back'}.
        </p>
      </Show>
      <div class="button-row">
        <button type="button" class="button" disabled={checking()} onClick={() => void check()}>
          {checking() ? 'Checking…' : 'Check the clock'}
        </button>
        <Show when={drift()?.off && drift()?.correctable}>
          <button
            type="button"
            class="button button-primary"
            onClick={() => void settings.set('clockOffsetMs', drift()!.measured.offsetMs)}
          >
            Correct codes
          </button>
        </Show>
        <Show when={correction() !== 0}>
          <button type="button" class="button" onClick={() => void settings.set('clockOffsetMs', 0)}>
            Stop correcting
          </button>
        </Show>
      </div>
    </div>
  );
}
