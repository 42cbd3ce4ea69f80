import { ErrorBoundary, Suspense, type JSX } from 'solid-js';

// A screen that lives in its own lazily loaded chunk. A chunk that fails to load (an update
// replaced it while offline) must not leave an endless "Loading…": it offers a reload instead.
export function LazyScreen(props: { children: JSX.Element }) {
  return (
    <ErrorBoundary
      fallback={() => (
        <div class="empty" role="alert">
          <h2>This screen could not be loaded</h2>
          <p>Reload Tessera to get the current version.</p>
          <button type="button" class="button button-primary" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      )}
    >
      <Suspense
        fallback={
          <p class="muted" role="status">
            Loading…
          </p>
        }
      >
        {props.children}
      </Suspense>
    </ErrorBoundary>
  );
}
