import { lazy } from 'solid-js';
import { LazyScreen } from '../../components/LazyScreen.tsx';

// The #/twofa route as the shell mounts it. The screens and the QR encoder are their own chunk,
// fetched when Two-factor authentication is first opened (and precached for offline use).
const TwoFactorScreen = lazy(() => import('./TwoFactorScreen.tsx'));

export function TwoFactorRoute() {
  return (
    <LazyScreen>
      <TwoFactorScreen />
    </LazyScreen>
  );
}
