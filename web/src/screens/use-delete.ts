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
    // A code deleted while the site still asks for it can lock the user out: the toast says so
    // again, next to the Undo that brings the code back.
    const reminder = record.otp ? '. Is two-factor sign-in off at the site? Undo keeps the code' : '';
    toasts.show(`Deleted “${displayName(record)}”${reminder}`, {
      label: 'Undo',
      run: () => void vault.restore(record.id).then(() => toasts.show('Restored')),
    });
  };
}
