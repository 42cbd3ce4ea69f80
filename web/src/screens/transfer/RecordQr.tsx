import { createSignal, Show } from 'solid-js';
import { useVault } from '../../app/services.tsx';
import { navigate } from '../../app/router.ts';
import { displayName } from '../../lib/record-list.ts';
import type { TransferService } from '../../services/transfer.ts';
import { MasterGate } from './MasterGate.tsx';
import { QrCode } from './QrCode.tsx';

// One record's code as a QR code (its otpauth:// link), to add it to another app or device.
export function RecordQr(props: { transfer: TransferService; id: string }) {
  const vault = useVault();
  const record = () => vault.view(props.id);
  const [uri, setUri] = createSignal<string | null>(null);
  return (
    <div class="transfer-export">
      <Show
        when={record() && !record()!.deleted && record()!.otp}
        fallback={
          <div class="empty">
            <h1 tabIndex={-1}>No code to show</h1>
            <p>This record is not in the vault, or it has no code.</p>
          </div>
        }
      >
        <h1 tabIndex={-1} data-autofocus>
          QR code of {displayName(record()!)}
        </h1>
        <Show
          when={uri()}
          fallback={
            <MasterGate
              transfer={props.transfer}
              id="record-qr"
              action="Show the QR code"
              onOpen={() => setUri(props.transfer.recordUri(props.id))}
              warning={
                <>
                  <strong>This QR code holds the secret of this code.</strong> Anyone who sees or photographs it can
                  make its codes.
                </>
              }
            />
          }
        >
          {(text) => (
            <>
              <figure class="transfer-qr-figure">
                <QrCode text={text()} label={`QR code of ${displayName(record()!)}`} />
                <figcaption>Scan it with the authenticator app you want to add this code to.</figcaption>
              </figure>
              <div class="transfer-actions">
                <button type="button" class="button" onClick={() => setUri(null)}>
                  Hide
                </button>
                <button
                  type="button"
                  class="button button-primary"
                  onClick={() => navigate({ name: 'record', id: props.id })}
                >
                  Done
                </button>
              </div>
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}
