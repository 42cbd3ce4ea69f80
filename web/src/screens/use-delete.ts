import type { RecordView } from '@tessera/core/vault/record';
import { useServices, useVault } from '../app/services.tsx';
import { navigate } from '../app/router.ts';
import { displayName } from '../lib/record-list.ts';

/** Delete (a tombstone, restorable from Recently deleted) with an Undo in the toast. */
export function useDelete() {
  const { toasts } = useServices();
  const vault = useVault();
  return async (record: RecordView) => {
    await vault.remove(record.id);
    navigate({ name: 'codes' }, { replace: true });
    toasts.show(`Deleted “${displayName(record)}”`, {
      label: 'Undo',
      run: () => void vault.restore(record.id).then(() => toasts.show('Restored')),
    });
  };
}
