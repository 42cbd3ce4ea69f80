import { createSignal, type Accessor } from 'solid-js';
import { openItem, sealItem } from '@tessera/core/crypto/item';
import type { TesseraDb } from './db.ts';

// When each record was last copied, for the "recently used" order. It stays on this device
// (usage is nobody else's business, and syncing it would turn every copy into a write), and it
// is sealed with the vault key like a record, under an id no record can have.
const USAGE_ID = 'local:usage';

export interface Usage {
  lastUsed: Accessor<ReadonlyMap<string, number>>;
  markUsed(id: string): void;
  close(): void;
}

export async function openUsage(db: TesseraDb, vaultKey: Uint8Array, vaultId: string): Promise<Usage> {
  let initial = new Map<string, number>();
  const row = await db.local.get(USAGE_ID);
  if (row) {
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(openItem(vaultKey, vaultId, USAGE_ID, row.envelope)));
      if (parsed && typeof parsed === 'object') {
        initial = new Map(
          Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
        );
      }
    } catch {
      // Losing the usage order is harmless: it starts again from empty.
    }
  }
  const [lastUsed, setLastUsed] = createSignal<ReadonlyMap<string, number>>(initial);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let open = true;

  const save = () => {
    timer = undefined;
    if (!open) return;
    const bytes = new TextEncoder().encode(JSON.stringify(Object.fromEntries(lastUsed())));
    void db.local.put({ id: USAGE_ID, envelope: sealItem(vaultKey, vaultId, USAGE_ID, bytes) });
  };

  return {
    lastUsed,
    markUsed(id) {
      setLastUsed(new Map(lastUsed()).set(id, Date.now()));
      timer ??= setTimeout(save, 2000);
    },
    close() {
      if (timer !== undefined) {
        clearTimeout(timer);
        save();
      }
      open = false;
    },
  };
}
