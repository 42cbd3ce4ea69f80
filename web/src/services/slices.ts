/**
 * @module
 * Long loops in slices of about one frame, so opening or sealing thousands of records never
 * freezes the page: after each slice the browser paints and handles input.
 */

/** Lets the browser paint and handle input; a message, not a timer (timers are throttled). */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Maps items in slices of at most `sliceMs` of work each, yielding between slices. */
export async function mapInSlices<T, U>(items: readonly T[], each: (item: T) => U, sliceMs = 12): Promise<U[]> {
  const out: U[] = [];
  let sliceStart = performance.now();
  for (const item of items) {
    if (performance.now() - sliceStart > sliceMs) {
      await yieldToBrowser();
      sliceStart = performance.now();
    }
    out.push(each(item));
  }
  return out;
}
