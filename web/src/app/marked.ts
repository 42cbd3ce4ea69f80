import { createSignal } from 'solid-js';

// The records just added, for the codes list to scroll to and highlight briefly: after Save the
// user lands back on the list and sees where the new code went. Held here (not in the route) so
// a reload or Back does not highlight it again.
const [marked, setMarked] = createSignal<readonly string[]>([]);

export { marked };

export function markRecords(ids: readonly string[]): void {
  setMarked([...ids]);
}

export function clearMarked(): void {
  setMarked([]);
}
