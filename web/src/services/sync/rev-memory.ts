import { utf8Decode, utf8Encode } from '@tessera/core/crypto/bytes';
import type { TesseraDb } from '../db.ts';
import type { SyncTools } from '../vault-store.ts';

// The highest revision this device has seen from the server for each item, and the seq it came
// with (docs/core/vault.md §3: rev never goes down, so an older rev is a rollback). It says how
// often each item was edited, so it is sealed under the vault key like the usage times, in the
// `local` table, and never synced.
export const REV_MEMORY_ID = 'local:revs';

interface Seen {
  rev: number;
  seq: number;
}

export interface RevMemory {
  seen(id: string): Seen | undefined;
  note(id: string, rev: number, seq: number): void;
  forget(id: string): void;
  save(): Promise<void>;
}

function parse(bytes: Uint8Array): Map<string, Seen> {
  const map = new Map<string, Seen>();
  let json: unknown;
  try {
    json = JSON.parse(utf8Decode(bytes));
  } catch {
    return map;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return map;
  for (const [id, value] of Object.entries(json)) {
    if (!Array.isArray(value) || value.length !== 2) continue;
    const [rev, seq] = value as unknown[];
    if (Number.isSafeInteger(rev) && Number.isSafeInteger(seq)) map.set(id, { rev: rev as number, seq: seq as number });
  }
  return map;
}

export async function loadRevMemory(db: TesseraDb, tools: SyncTools): Promise<RevMemory> {
  const row = await db.local.get(REV_MEMORY_ID);
  let map = new Map<string, Seen>();
  if (row) {
    try {
      map = parse(tools.openLocal(REV_MEMORY_ID, row.envelope));
    } catch {
      // Unreadable: start again. It only helps notice rollbacks; losing it loses no data.
    }
  }
  let changed = false;
  return {
    seen: (id) => map.get(id),
    note(id, rev, seq) {
      const old = map.get(id);
      if (old && old.rev >= rev && old.seq >= seq) return;
      map.set(id, { rev: Math.max(rev, old?.rev ?? 0), seq: Math.max(seq, old?.seq ?? 0) });
      changed = true;
    },
    forget(id) {
      if (map.delete(id)) changed = true;
    },
    async save() {
      if (!changed) return;
      const json = JSON.stringify(Object.fromEntries([...map].map(([id, seen]) => [id, [seen.rev, seen.seq]])));
      await db.local.put({ id: REV_MEMORY_ID, envelope: tools.sealLocal(REV_MEMORY_ID, utf8Encode(json)) });
      changed = false;
    },
  };
}
