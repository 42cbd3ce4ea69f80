import { createSignal, For, Show } from 'solid-js';
import { Icon } from '../../components/icons.tsx';
import { useCopy } from '../../components/use-copy.ts';
import { download } from '../transfer/download.ts';
import { recoveryCodesFileName, recoveryCodesText } from './recovery-file.ts';

// The ten recovery codes, on the one occasion the server sends them (first method on, or new
// codes made). Nothing keeps them: once this screen closes they are gone, so it stays until the
// user says they are saved.
export function RecoveryCodes(props: {
  codes: readonly string[];
  email: string;
  reason: 'first' | 'new';
  heading: string;
  onDone: () => void;
}) {
  const copy = useCopy();
  const [saved, setSaved] = createSignal(false);
  const madeAt = new Date();
  const text = () => recoveryCodesText(props.codes, props.email, madeAt);

  return (
    <div class="twofa-flow">
      <h2 class="twofa-flow-title" tabIndex={-1} data-autofocus>
        {props.heading}
      </h2>
      <Show
        when={props.reason === 'new'}
        fallback={
          <p>
            If you lose the devices you use for the other methods, a recovery code signs you in instead. Each code works
            once.
          </p>
        }
      >
        <p class="callout callout-warning" role="status">
          These are your new recovery codes. <strong>All your earlier recovery codes no longer work.</strong>
        </p>
      </Show>
      <p>
        <strong>They are shown only now.</strong> Save them where you can reach them without this device: print them, or
        keep the file in another safe place.
      </p>
      <ol class="twofa-recovery-list" aria-label="Recovery codes" data-testid="twofa-recovery-codes">
        <For each={props.codes}>
          {(code) => (
            <li>
              <code>{code}</code>
            </li>
          )}
        </For>
      </ol>
      <div class="button-row">
        <button type="button" class="button" onClick={() => void copy(text(), 'Recovery codes copied')}>
          <Icon name="copy" /> Copy all
        </button>
        <button
          type="button"
          class="button"
          onClick={() => download(text(), recoveryCodesFileName(madeAt), 'text/plain;charset=utf-8')}
        >
          <Icon name="download" /> Download .txt
        </button>
      </div>
      <label class="check">
        <input type="checkbox" checked={saved()} onChange={(e) => setSaved(e.currentTarget.checked)} />
        <span>I have saved these codes</span>
      </label>
      <button type="button" class="button button-primary" disabled={!saved()} onClick={props.onDone}>
        Done
      </button>
    </div>
  );
}
