import { createMemo, Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { Icon } from '../../components/icons.tsx';
import { clockIsOff, describeOffset } from '../../services/sync/clock-offset.ts';
import { CLOCK_OFFSET_MAX_MS } from '../../services/settings.ts';
import './account.css';

// Shown when the device clock, as corrected by the setting, is more than 15 s from the server's:
// time-based codes would then be refused. Offers to correct codes by the measured offset.
export function useClockDrift() {
  const { clock, settings } = useServices();
  return createMemo(() => {
    const measured = clock.offset();
    if (!measured) return null;
    const residual = { ...measured, offsetMs: measured.offsetMs - settings.settings.clockOffsetMs };
    return {
      measured,
      residual,
      off: clockIsOff(residual),
      correctable: Math.abs(measured.offsetMs) <= CLOCK_OFFSET_MAX_MS,
    };
  });
}

export function ClockWarning() {
  const { settings } = useServices();
  const drift = useClockDrift();
  return (
    <Show when={drift()?.off && drift()}>
      {(d) => (
        <div class="banner banner-warning clock-banner" role="alert">
          <Icon name="warning" />
          <span>This device's clock is {describeOffset(d().residual.offsetMs)}: codes may be refused.</span>
          <Show when={d().correctable} fallback={<span>Set the device's date and time.</span>}>
            <button
              type="button"
              class="button banner-button"
              onClick={() => void settings.set('clockOffsetMs', d().measured.offsetMs)}
            >
              Correct codes
            </button>
          </Show>
        </div>
      )}
    </Show>
  );
}
