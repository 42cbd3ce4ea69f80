import { createEffect, createRoot, createSignal, on, type Accessor } from 'solid-js';
import type { Api } from './api.ts';
import { bestOffset, type ClockOffset, type ClockSample } from './clock-offset.ts';

// Measures this device's clock against the server's (clock-offset.ts says how): three quick
// exchanges with /health, the one with the shortest round trip kept. It runs by itself only while
// sync is on (a local vault does not contact the server on its own): when sync turns on, at
// start, when the network returns and every 6 hours. Settings can run it any time.
const SAMPLES = 3;
const EVERY_MS = 6 * 60 * 60_000;

export interface ClockCheck {
  /** The last measurement; null before one succeeded. */
  offset: Accessor<ClockOffset | null>;
  checkedAt: Accessor<number | null>;
  /** Measures now; resolves to null when the server cannot be reached. */
  check(): Promise<ClockOffset | null>;
}

export function createClockCheck(api: Pick<Api, 'serverTime'>, automatic: Accessor<boolean>): ClockCheck {
  const [offset, setOffset] = createSignal<ClockOffset | null>(null);
  const [checkedAt, setCheckedAt] = createSignal<number | null>(null);
  let running: Promise<ClockOffset | null> | null = null;
  const measure = async () => {
    const samples: ClockSample[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      try {
        samples.push(await api.serverTime());
      } catch {
        break;
      }
    }
    const best = bestOffset(samples);
    if (best) {
      setOffset(best);
      setCheckedAt(Date.now());
    }
    return best;
  };
  const check = () => {
    running ??= measure().finally(() => {
      running = null;
    });
    return running;
  };
  createRoot(() =>
    createEffect(
      on(automatic, (enabled) => {
        if (enabled) void check();
      }),
    ),
  );
  window.addEventListener('online', () => {
    if (automatic()) void check();
  });
  setInterval(() => {
    if (automatic()) void check();
  }, EVERY_MS);
  return { offset, checkedAt, check };
}
