import { createMemo, createSignal, untrack, type Accessor } from 'solid-js';
import { otpCode } from '@tessera/core/otp/code';
import type { Otp } from '@tessera/core/otp/types';

// One clock for every code on screen: a signal that changes once a second, on the second, so
// all countdowns move together. Codes themselves are memoised per row on the time step, so a
// row's code text node changes once per period and nothing else re-renders.
export interface Ticker {
  now: Accessor<number>;
  stop(): void;
}

export function createTicker(): Ticker {
  const [now, setNow] = createSignal(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    const current = Date.now();
    setNow(current);
    timer = setTimeout(schedule, 1000 - (current % 1000) + 5);
  };
  schedule();
  return { now, stop: () => clearTimeout(timer) };
}

export interface LiveCode {
  code: Accessor<string>;
  next: Accessor<string>;
  secondsLeft: Accessor<number | null>;
  period: Accessor<number | null>;
}

/** Call inside a component or root: the memos live as long as the row does. */
export function liveCode(otp: Accessor<Otp>, now: Accessor<number>, offsetMs: Accessor<number> = () => 0): LiveCode {
  // The time step changes once per period; only then are the HMACs computed again.
  const step = createMemo(() => {
    const value = otp();
    if (value.type === 'hotp') return -1;
    return Math.floor((now() + offsetMs()) / 1000 / value.period);
  });
  const codes = createMemo(
    () => {
      step();
      const value = otp();
      const offset = offsetMs();
      return untrack(() => otpCode(value, now(), offset));
    },
    undefined,
    { equals: (a, b) => a.code === b.code && a.next === b.next && a.period === b.period },
  );
  const secondsLeft = createMemo(() => {
    const value = otp();
    if (value.type === 'hotp') return null;
    const elapsed = (now() + offsetMs()) / 1000;
    return Math.ceil(value.period - (elapsed % value.period));
  });
  return {
    code: () => codes().code,
    next: () => codes().next,
    secondsLeft,
    period: () => codes().period,
  };
}
