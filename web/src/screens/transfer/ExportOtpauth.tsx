import { createSignal, Show } from 'solid-js';
import { useCopy } from '../../components/use-copy.ts';
import type { TransferService } from '../../services/transfer.ts';
import { download } from './download.ts';
import { MasterGate } from './MasterGate.tsx';
import { otpauthFileName, plural } from './names.ts';

// Every OTP as a plain otpauth:// link, the format nearly every authenticator imports. It holds
// every secret in the clear, so it is shown only after a warning and the master password.
export function ExportOtpauth(props: { transfer: TransferService }) {
  const copy = useCopy();
  const [list, setList] = createSignal<string | null>(null);
  const text = () => list() ?? '';
  const count = () =>
    text()
      .split('\n')
      .filter((line) => line !== '').length;
  return (
    <div class="transfer-export">
      <h1 tabIndex={-1} data-autofocus>
        otpauth:// links
      </h1>
      {/* An empty list ('') is a list: a vault without codes still gets past the gate. */}
      <Show
        when={list() !== null}
        fallback={
          <MasterGate
            transfer={props.transfer}
            id="otpauth"
            action="Show the links"
            onOpen={() => setList(props.transfer.otpauthList())}
            warning={
              <>
                <strong>This shows every secret in plain text.</strong> Anyone who sees the links, or gets the file, can
                make your codes. Make sure nobody is watching, and delete the file once it is imported.
              </>
            }
          />
        }
      >
        <Show when={count() > 0} fallback={<p class="muted">No record in this vault has a code.</p>}>
          <p class="muted">
            {plural(count(), 'code')}, one link per line. Logins without a code are not included (the encrypted backup
            keeps everything).
          </p>
          <label class="visually-hidden" for="otpauth-list">
            otpauth:// links
          </label>
          <textarea
            id="otpauth-list"
            class="mono transfer-text transfer-list"
            readOnly
            rows={Math.min(12, count() + 1)}
            value={text()}
            spellcheck={false}
          />
          <div class="transfer-actions">
            <button type="button" class="button" onClick={() => setList(null)}>
              Hide
            </button>
            <button type="button" class="button" onClick={() => void copy(text(), 'Links copied')}>
              Copy
            </button>
            <button
              type="button"
              class="button button-primary"
              onClick={() => download(text(), otpauthFileName(new Date()), 'text/plain')}
            >
              Download
            </button>
          </div>
        </Show>
      </Show>
    </div>
  );
}
