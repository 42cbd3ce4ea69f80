/**
 * @module
 * Runs tasks one after another, each starting when the previous one has settled. The vault
 * store writes through one, so each edit is computed from the record as the previous write left
 * it, and a sync merge never interleaves with a local edit. A failed task does not stop the ones
 * queued after it.
 */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
