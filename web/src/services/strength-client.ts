import type { Strength } from '../lib/strength.ts';
import type { StrengthReply, StrengthRequest } from '../workers/strength-protocol.ts';

// A typed proxy to the strength worker, started on the first estimate (so zxcvbn's word lists
// load only when a password field needs them). One answer per request, matched by id.
let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (strength: Strength) => void; reject: (error: Error) => void }>();

function start(): Worker {
  const created = new Worker(new URL('../workers/strength.worker.ts', import.meta.url), { type: 'module', name: 'tessera-strength' });
  created.onmessage = (event: MessageEvent<StrengthReply>) => {
    const call = pending.get(event.data.id);
    pending.delete(event.data.id);
    call?.resolve(event.data.strength);
  };
  created.onerror = (event) => {
    event.preventDefault();
    // The chunk could not load (offline before the service worker cached it): fail these
    // estimates; the next one starts a new worker.
    for (const call of pending.values()) call.reject(new Error('The password strength check could not start. Reload Tessera and try again.'));
    pending.clear();
    created.terminate();
    worker = undefined;
  };
  return created;
}

export function estimateStrength(password: string): Promise<Strength> {
  worker ??= start();
  const id = nextId++;
  const request: StrengthRequest = { id, password };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker!.postMessage(request);
  });
}
