import { ErrorBoundary, lazy, Suspense } from 'solid-js';

// The #/twofa route as the shell mounts it. The screens and the QR encoder are their own chunk,
// fetched when Two-factor authentication is first opened (and precached for offline use).
const TwoFactorScreen = lazy(() => import('./TwoFactorScreen.tsx'));

export function TwoFactorRoute() {
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
        <TwoFactorScreen />
      </Suspense>
    </ErrorBoundary>
  );
}
