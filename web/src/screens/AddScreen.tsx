import type { Otp } from '@tessera/core/otp/types';
import { useServices, useVault } from '../app/services.tsx';
import { markRecords } from '../app/marked.ts';
import { navigate } from '../app/router.ts';
import { AddOtp } from '../app/add-otp.ts';
import type { OtpTarget } from '../services/vault-store.ts';
import { BackBar } from './RecordDetail.tsx';
import { LazyScreen } from '../components/LazyScreen.tsx';

// Mounts the add/ flow and gives it the store call behind "Save", which ends on the codes list.
export function AddScreen() {
  const vault = useVault();
  const { toasts } = useServices();
  const save = async (otps: Otp[], target: OtpTarget) => {
    const ids = await vault.saveOtps(otps, target);
    toasts.show(otps.length === 1 ? 'Code added' : `${otps.length} codes added`);
    // Back to the list, where the new row is scrolled into view and highlighted briefly.
    markRecords(ids);
    navigate({ name: 'codes' }, { replace: true });
  };
  return (
    <section class="detail" aria-label="Add a code">
      <BackBar title="Add a code" />
      <div class="detail-body">
        <LazyScreen>
          <AddOtp
            records={vault.records().filter((r) => !r.deleted)}
            onSave={save}
            onCancel={() => navigate({ name: 'codes' })}
          />
        </LazyScreen>
      </div>
    </section>
  );
}
