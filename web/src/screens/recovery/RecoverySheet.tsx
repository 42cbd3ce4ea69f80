import { createSignal, lazy, Show, Suspense } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import './recovery.css';
import { download } from '../transfer/download.ts';
import { emergencySheetText } from './sheet.ts';

// The QR encoder (qrcode-generator) stays out of the main bundle: it is needed once per key.
const QrImage = lazy(() => import('../twofa/QrImage.tsx').then((module) => ({ default: module.QrImage })));

// The recovery key, shown once (after a vault is made, or a new key on request), with its
// emergency sheet to print or save. Text and QR code are made here; nothing is sent anywhere.
export function RecoverySheet(props: { recoveryKey: string }) {
  const { recovery } = useServices();
  const [saved, setSaved] = createSignal(false);
  const madeOn = new Date();
  const save = () => {
    download(
      emergencySheetText(props.recoveryKey, madeOn),
      `tessera-recovery-key-${madeOn.toISOString().slice(0, 10)}.txt`,
      'text/plain',
    );
    setSaved(true);
  };
  const print = () => {
    window.print();
    setSaved(true);
  };
  return (
    <main class="gate">
      <div class="gate-card recovery-card emergency-sheet">
        <h1 tabIndex={-1} data-autofocus>
          Save your recovery key
        </h1>
        <p class="gate-lead">
          If you ever forget your master password, this key lets you choose a new one, on this device, even offline. It
          is shown only now: Tessera keeps no copy it could show you again.
        </p>
        <p class="recovery-key" aria-label="Recovery key" data-testid="recovery-key">
          {props.recoveryKey}
        </p>
        <div class="recovery-qr">
          <Suspense>
            <QrImage text={props.recoveryKey} label="QR code of the recovery key" />
          </Suspense>
        </div>
        <p class="recovery-print-only">
          Made on {madeOn.toISOString().slice(0, 10)}. If you forget your master password: open Tessera, choose "Forgot
          password?" on the unlock screen, type this key and choose a new password.
        </p>
        <div class="callout callout-warning recovery-screen-only">
          Keep it on paper or in a place apart from this device. Anyone who has this key and your device or a backup can
          open your vault.
        </div>
        <div class="button-row recovery-screen-only">
          <button type="button" class="button" onClick={print}>
            Print the emergency sheet
          </button>
          <button type="button" class="button" onClick={save}>
            Save as a text file
          </button>
        </div>
        <Show
          when={saved()}
          fallback={<p class="field-hint recovery-screen-only">Print it, save it or write it down before you go on.</p>}
        >
          <p class="field-hint recovery-screen-only" role="status">
            Keep the sheet somewhere safe, away from this device.
          </p>
        </Show>
        <button
          type="button"
          class="button button-primary button-wide recovery-screen-only"
          onClick={() => recovery.dismissFresh()}
        >
          I have saved my recovery key
        </button>
      </div>
    </main>
  );
}
