import { createSignal, For, Show } from 'solid-js';
import type { MigrationExport } from '@tessera/core/transfer/google-migration';
import type { TransferService } from '../../services/transfer.ts';
import { MasterGate } from './MasterGate.tsx';
import { QrCode } from './QrCode.tsx';

// Google Authenticator's "Transfer accounts" QR codes, ten accounts each, drawn on this device.
// Anything its format cannot hold (Steam, 7 digits, a period other than 30 s) is listed, not
// silently dropped.
export function ExportGoogle(props: { transfer: TransferService }) {
  const [codes, setCodes] = createSignal<MigrationExport | null>(null);
  const [at, setAt] = createSignal(0);
  return (
    <div class="transfer-export">
      <h1 tabIndex={-1} data-autofocus>
        Google Authenticator QR codes
      </h1>
      <Show
        when={codes()}
        fallback={
          <MasterGate
            transfer={props.transfer}
            id="google"
            action="Show the QR codes"
            onOpen={async () => {
              const made = await props.transfer.migrationCodes();
              setAt(0);
              setCodes(made);
            }}
            warning={
              <>
                <strong>These QR codes hold every secret.</strong> Anyone who sees or photographs them can make your
                codes. Show them only to the app you move to.
              </>
            }
          />
        }
      >
        {(exported) => (
          <>
            <Show
              when={exported().uris.length > 0}
              fallback={<p class="muted">No code in this vault can go to Google Authenticator.</p>}
            >
              <p class="muted">
                In Google Authenticator: Transfer accounts › Import accounts, then scan each code in turn. Aegis, 2FAS
                and most other apps read them too.
              </p>
              <figure class="transfer-qr-figure">
                <QrCode text={exported().uris[at()]!} label={`QR code ${at() + 1} of ${exported().uris.length}`} />
                <figcaption aria-live="polite">
                  QR code {at() + 1} of {exported().uris.length}
                </figcaption>
              </figure>
              <Show when={exported().uris.length > 1}>
                <div class="transfer-actions transfer-pager">
                  <button type="button" class="button" disabled={at() === 0} onClick={() => setAt(at() - 1)}>
                    Previous
                  </button>
                  <button
                    type="button"
                    class="button button-primary"
                    disabled={at() === exported().uris.length - 1}
                    onClick={() => setAt(at() + 1)}
                  >
                    Next
                  </button>
                </div>
              </Show>
            </Show>
            <Show when={exported().skipped.length > 0}>
              <section class="transfer-problems" aria-labelledby="google-skipped-title">
                <h2 id="google-skipped-title">Not included ({exported().skipped.length})</h2>
                <p class="muted">
                  Google Authenticator cannot hold {exported().skipped.length === 1 ? 'this one' : 'these'}; use the
                  otpauth:// links or the encrypted backup for {exported().skipped.length === 1 ? 'it' : 'them'}.
                </p>
                <ul>
                  <For each={exported().skipped}>
                    {(skipped) => (
                      <li>
                        <strong>{skipped.label || 'Unnamed entry'}</strong> — {skipped.reason}
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            </Show>
            <div class="transfer-actions">
              <button type="button" class="button" onClick={() => setCodes(null)}>
                Hide the codes
              </button>
            </div>
          </>
        )}
      </Show>
    </div>
  );
}
