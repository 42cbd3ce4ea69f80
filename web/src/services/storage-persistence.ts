// Whether the browser keeps this site's storage (the vault) under pressure. Without "persistent"
// storage a browser may clear a site's data when the disk runs low (Storage Standard, "Storage
// buckets": best-effort vs persistent); with it only the user can. The vault asks once, when it is
// created; Settings shows the answer and what it means.
export type Persistence = 'persistent' | 'best-effort' | 'unsupported';

type StorageLike = Pick<StorageManager, 'persist' | 'persisted'>;

function storage(): StorageLike | undefined {
  return typeof navigator !== 'undefined' && navigator.storage && typeof navigator.storage.persist === 'function'
    ? navigator.storage
    : undefined;
}

/** Asks for persistent storage; the browser decides (Chromium by engagement, Firefox asks). */
export async function askPersistence(manager: StorageLike | undefined = storage()): Promise<Persistence> {
  if (!manager) return 'unsupported';
  try {
    return (await manager.persist()) ? 'persistent' : 'best-effort';
  } catch {
    return 'best-effort';
  }
}

export async function readPersistence(manager: StorageLike | undefined = storage()): Promise<Persistence> {
  if (!manager) return 'unsupported';
  try {
    return (await manager.persisted()) ? 'persistent' : 'best-effort';
  } catch {
    return 'best-effort';
  }
}

export const PERSISTENCE_TEXT: Record<Persistence, { title: string; detail: string }> = {
  persistent: {
    title: 'Kept: the browser will not clear this vault on its own',
    detail:
      "Only you can remove it (by clearing this site's data). A backup or sync still protects you if this device is lost.",
  },
  'best-effort': {
    title: 'Best effort: the browser may clear this vault when space runs low',
    detail:
      'The browser did not grant persistent storage. Installing Tessera or using it often can change that. Keep a backup or turn on sync so your codes survive a cleared browser.',
  },
  unsupported: {
    title: 'This browser does not say whether it keeps this vault',
    detail: 'Keep a backup or turn on sync so your codes survive a cleared browser.',
  },
};
