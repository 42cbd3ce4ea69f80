import { createMemo, createSignal, For, Show } from 'solid-js';
import { useVault } from '../../app/services.tsx';
import { navigate } from '../../app/router.ts';
import { Icon, type IconName } from '../../components/icons.tsx';
import { displayAccount, displayName, fold } from '../../lib/record-list.ts';
import { transferPath, type TransferPage } from './pages.ts';

// The one-code picker lists at most this many records; a larger vault gets a field to find one.
// A list of every record cost a 350 ms task to open with 10,000 (tests/perf/transfer-10000), and
// nobody scrolls a list that long.
const LISTED_AT_MOST = 100;
const collator = new Intl.Collator();

// Import / Export: where each way in and out starts.
export function Overview() {
  const vault = useVault();
  const withCode = createMemo(() =>
    vault
      .records()
      .filter((record) => !record.deleted && record.otp !== null)
      .map((record) => {
        const name = [displayName(record), displayAccount(record)].filter(Boolean).join(' · ');
        return { id: record.id, name, key: fold(name) };
      })
      .sort((a, b) => collator.compare(a.name, b.name)),
  );
  const [find, setFind] = createSignal('');
  const matching = createMemo(() => {
    const words = fold(find()).split(/\s+/).filter(Boolean);
    return words.length === 0 ? withCode() : withCode().filter((r) => words.every((word) => r.key.includes(word)));
  });
  const listed = createMemo(() => matching().slice(0, LISTED_AT_MOST));
  const [chosen, setChosen] = createSignal('');
  // A choice the search has since left out is no choice.
  const selected = () => (listed().some((record) => record.id === chosen()) ? chosen() : '');
  const go = (page: TransferPage) => navigate({ name: 'transfer', path: transferPath(page) });

  return (
    <div class="transfer-overview">
      <h1 tabIndex={-1} data-autofocus>
        Import / Export
      </h1>
      <section class="transfer-group" aria-labelledby="transfer-import-title">
        <h2 id="transfer-import-title">Import</h2>
        <p class="muted">
          From Google Authenticator, Aegis, 2FAS, Bitwarden (JSON or CSV), Ente Auth, Proton Authenticator, Stratum
          (Authenticator Pro), LastPass Authenticator, Raivo OTP, andOTP, FreeOTP+, a Steam Guard maFile, a list of
          otpauth:// links, or a Tessera backup.
        </p>
        <button type="button" class="button button-primary" onClick={() => go({ page: 'import' })}>
          Import…
        </button>
      </section>
      <section class="transfer-group" aria-labelledby="transfer-export-title">
        <h2 id="transfer-export-title">Export</h2>
        <ul class="transfer-choices">
          <Choice
            icon="lock"
            title="Encrypted backup"
            onClick={() => go({ page: 'export', kind: 'backup' })}
            text="Everything in the vault, in a .tessera file under a password of its own."
          />
          <Choice
            icon="download"
            title="Aegis file"
            onClick={() => go({ page: 'export', kind: 'aegis' })}
            text="Every code with its notes, tags and favourite, in the format most authenticator apps import."
          />
          <Choice
            icon="link"
            title="otpauth:// links"
            onClick={() => go({ page: 'export', kind: 'otpauth' })}
            text="Every code's secret as plain text, for apps that import a list. Asks for your master password."
          />
          <Choice
            icon="key"
            title="Google Authenticator QR codes"
            onClick={() => go({ page: 'export', kind: 'google' })}
            text="Ten codes per QR code, to scan into another app. Asks for your master password."
          />
        </ul>
      </section>
      <section class="transfer-group" aria-labelledby="transfer-one-title">
        <h2 id="transfer-one-title">One code as a QR code</h2>
        <Show when={withCode().length > 0} fallback={<p class="muted">No record in this vault has a code yet.</p>}>
          <form
            class="transfer-one"
            onSubmit={(e) => {
              e.preventDefault();
              if (selected()) go({ page: 'qr', id: selected() });
            }}
          >
            <Show when={withCode().length > LISTED_AT_MOST}>
              <div class="setting transfer-one-find">
                <label for="transfer-one-find">Search by name</label>
                <input
                  id="transfer-one-find"
                  type="search"
                  autocomplete="off"
                  spellcheck={false}
                  aria-describedby="transfer-one-count"
                  value={find()}
                  onInput={(e) => setFind(e.currentTarget.value)}
                />
                <p id="transfer-one-count" class="muted" aria-live="polite">
                  {matching().length > LISTED_AT_MOST
                    ? `${matching().length.toLocaleString()} match; the first ${LISTED_AT_MOST} are listed. Type more of a name to narrow them.`
                    : matching().length === 0
                      ? 'No record with a code matches.'
                      : `${matching().length.toLocaleString()} ${matching().length === 1 ? 'record matches' : 'records match'}.`}
                </p>
              </div>
            </Show>
            <div class="setting">
              <label for="transfer-one-record">Record</label>
              <select id="transfer-one-record" value={selected()} onChange={(e) => setChosen(e.currentTarget.value)}>
                <option value="">Choose a record</option>
                <For each={listed()}>{(record) => <option value={record.id}>{record.name}</option>}</For>
              </select>
            </div>
            <button type="submit" class="button" disabled={selected() === ''}>
              Show QR code
            </button>
          </form>
        </Show>
      </section>
    </div>
  );
}

function Choice(props: { icon: IconName; title: string; text: string; onClick: () => void }) {
  return (
    <li>
      <button type="button" class="transfer-choice" onClick={() => props.onClick()}>
        <Icon name={props.icon} />
        <span class="transfer-choice-text">
          <span class="transfer-choice-title">{props.title}</span>
          <span class="transfer-choice-sub">{props.text}</span>
        </span>
        <Icon name="chevron" class="transfer-choice-chevron" />
      </button>
    </li>
  );
}
