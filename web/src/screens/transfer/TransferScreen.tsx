import { Match, onMount, Switch } from 'solid-js';
import { ExportBackup } from './ExportBackup.tsx';
import { ExportGoogle } from './ExportGoogle.tsx';
import { ExportAegis } from './ExportAegis.tsx';
import { ExportOtpauth } from './ExportOtpauth.tsx';
import { ImportScreen } from './ImportScreen.tsx';
import { Overview } from './Overview.tsx';
import { transferPage, type TransferPage } from './pages.ts';
import { RecordQr } from './RecordQr.tsx';
import { TransferBar } from './TransferBar.tsx';
import { useTransfer } from './use-transfer.ts';
import './transfer.css';

// Settings > Import / Export (docs/web-transfer.md): the page named by the path after
// "#/transfer/". Loaded lazily by TransferRoute, with its own worker for this visit.
const TITLES: Record<TransferPage['page'], string> = {
  overview: 'Import / Export',
  import: 'Import',
  export: 'Export',
  qr: 'QR code',
};

export default function TransferScreen(props: { path: readonly string[] }) {
  const transfer = useTransfer();
  const page = () => transferPage(props.path);
  // Moving between these pages keeps the route's name, so the shell does not move the focus:
  // each page's heading takes it when it opens.
  let section!: HTMLElement;
  onMount(() => {
    // The pane scrolls, not the page: a page opened from halfway down the last one starts at its top.
    section.closest('.detail-pane')?.scrollTo({ top: 0 });
    queueMicrotask(() =>
      document.querySelector<HTMLElement>('.transfer [data-autofocus], .transfer h1')?.focus({ preventScroll: true }),
    );
  });
  return (
    <section class="detail transfer" ref={section} aria-label={TITLES[page().page]}>
      <TransferBar
        title={TITLES[page().page]}
        back={
          page().page === 'overview'
            ? { name: 'settings' }
            : page().page === 'qr'
              ? { name: 'record', id: (page() as { id: string }).id }
              : { name: 'transfer', path: [] }
        }
        backLabel={
          page().page === 'overview'
            ? 'Back to settings'
            : page().page === 'qr'
              ? 'Back to the record'
              : 'Back to Import / Export'
        }
        up={page().page === 'import' || page().page === 'export'}
      />
      <div class="detail-body">
        <Switch fallback={<Overview />}>
          <Match when={page().page === 'import'}>
            <ImportScreen transfer={transfer} />
          </Match>
          <Match when={page().page === 'export' && page()} keyed>
            {(p) =>
              p.page === 'export' &&
              (p.kind === 'backup' ? (
                <ExportBackup transfer={transfer} />
              ) : p.kind === 'aegis' ? (
                <ExportAegis transfer={transfer} />
              ) : p.kind === 'otpauth' ? (
                <ExportOtpauth transfer={transfer} />
              ) : (
                <ExportGoogle transfer={transfer} />
              ))
            }
          </Match>
          <Match when={page().page === 'qr' && page()} keyed>
            {(p) => p.page === 'qr' && <RecordQr transfer={transfer} id={p.id} />}
          </Match>
        </Switch>
      </div>
    </section>
  );
}
