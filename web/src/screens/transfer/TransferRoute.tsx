import { ErrorBoundary, lazy, Suspense } from 'solid-js';

// The #/transfer route as the shell mounts it. The screens (and the worker client behind them)
// are their own chunk, fetched when Import / Export is first opened.
const TransferScreen = lazy(() => import('./TransferScreen.tsx'));

export function TransferRoute(props: { path: readonly string[] }) {
  return (
    // A chunk that fails to load (an update replaced it while offline) must not leave an endless "Loading…".
    <ErrorBoundary fallback={() => (
      <div class="empty" role="alert">
        <h2>This screen could not be loaded</h2>
        <p>Reload Tessera to get the current version.</p>
        <button type="button" class="button button-primary" onClick={() => location.reload()}>Reload</button>
      </div>
    )}>
      <Suspense fallback={<p class="muted" role="status">Loading…</p>}>
        <TransferScreen path={props.path} />
      </Suspense>
    </ErrorBoundary>
  );
}
