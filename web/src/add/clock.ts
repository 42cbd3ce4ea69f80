import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** The time in ms, updated on each whole second, for as long as the calling component lives. */
export function createNow(): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    const at = Date.now();
    setNow(at);
    // Re-aim at the next second boundary so a code changes when its period does, not up to 1 s late.
    timer = setTimeout(tick, 1000 - (at % 1000) + 5);
  };
  timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
  onCleanup(() => clearTimeout(timer));
  return now;
}
