import { createSignal } from 'solid-js';
import { formatRoute, parseRoute, type Route } from '../lib/route.ts';

// The current screen follows location.hash, so back/forward and reload work as people expect.
const [route, setRoute] = createSignal<Route>(parseRoute(location.hash));
window.addEventListener('hashchange', () => setRoute(parseRoute(location.hash)));

export { route };

export function navigate(next: Route, options: { replace?: boolean } = {}) {
  const hash = formatRoute(next);
  if (options.replace) history.replaceState(null, '', hash);
  else if (location.hash !== hash) history.pushState(null, '', hash);
  setRoute(parseRoute(hash));
}
