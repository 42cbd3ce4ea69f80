import { ErrorBoundary, onMount, Show, Suspense } from 'solid-js';
import type { Otp } from '@tessera/core/otp/types';
import { useServices, useVault } from '../app/services.tsx';
import { navigate } from '../app/router.ts';
import { AddOtp } from '../app/add-otp.ts';
import type { OtpTarget } from '../services/vault-store.ts';
import { BackBar } from './RecordDetail.tsx';

// Mounts the add/ flow and gives it the store call behind "Save". Without that component (a
// build that lacks it), adding goes through the record editor's setup-key section.
export function AddScreen() {
  const vault = useVault();
  const { toasts } = useServices();
  onMount(() => {
    if (!AddOtp) navigate({ name: 'new' }, { replace: true });
  });
  const save = async (otps: Otp[], target: OtpTarget) => {
    const ids = await vault.saveOtps(otps, target);
    toasts.show(otps.length === 1 ? 'Code added' : `${otps.length} codes added`);
    const first = ids[0];
    navigate(otps.length === 1 && first ? { name: 'record', id: first } : { name: 'codes' }, { replace: true });
  };
  return (
    <Show when={AddOtp}>
      {(Component) => {
        const Add = Component();
        return (
          <section class="detail" aria-label="Add a code">
            <BackBar title="Add a code" />
            <div class="detail-body">
              {/* A chunk that fails to load (an update replaced it while offline) must not leave an
                  endless "Loading…". */}
              <ErrorBoundary fallback={() => (
                <div class="empty" role="alert">
                  <h2>This screen could not be loaded</h2>
                  <p>Reload Tessera to get the current version.</p>
                  <button type="button" class="button button-primary" onClick={() => location.reload()}>Reload</button>
                </div>
              )}>
                <Suspense fallback={<p class="muted" role="status">Loading…</p>}>
                  <Add records={vault.records().filter((r) => !r.deleted)}
                    onSave={save} onCancel={() => navigate({ name: 'codes' })} />
                </Suspense>
              </ErrorBoundary>
            </div>
          </section>
        );
      }}
    </Show>
  );
}
