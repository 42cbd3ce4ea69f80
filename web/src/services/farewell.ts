// What a device says after it removed its own vault and reloaded (docs/web.md, "A lost device
// forgets"). The database is gone by then, so the one fact left to tell the user (erased at
// another device's request, or removed on signing out) waits in localStorage until the next start
// takes it. It holds a kind and a time, nothing about the vault or the account.
export type FarewellKind = 'erased' | 'removed';

export interface Farewell {
  kind: FarewellKind;
  /** When the vault was removed (unix ms). */
  at: number;
}

const KEY = 'tessera:farewell';

/** Leaves the message for the next start; storage turned off (null or throwing) leaves none. */
export function leaveFarewell(storage: Storage | null, kind: FarewellKind, at: number = Date.now()): void {
  try {
    storage?.setItem(KEY, JSON.stringify({ kind, at }));
  } catch {
    // A private mode without storage: the first-run screen then shows no message, as before.
  }
}

/** Reads and removes the message: it is shown once. Anything malformed counts as none. */
export function takeFarewell(storage: Storage | null): Farewell | null {
  let text: string | null = null;
  try {
    text = storage?.getItem(KEY) ?? null;
    storage?.removeItem(KEY);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { kind, at } = value as { kind?: unknown; at?: unknown };
    if ((kind !== 'erased' && kind !== 'removed') || typeof at !== 'number' || !Number.isFinite(at)) return null;
    return { kind, at };
  } catch {
    return null;
  }
}
