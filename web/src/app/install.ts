import { createSignal } from 'solid-js';
export { installRoute, type InstallRoute } from '../lib/install-route.ts';

// Chromium offers installation through `beforeinstallprompt`, which can fire before any screen
// is mounted: it is caught here, at start. iOS Safari has no such event; it gets instructions.
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const [promptEvent, setPromptEvent] = createSignal<InstallPromptEvent | null>(null);
const [installed, setInstalled] = createSignal(
  matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true,
);

window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  setPromptEvent(event as InstallPromptEvent);
});
window.addEventListener('appinstalled', () => {
  setPromptEvent(null);
  setInstalled(true);
});

export const canInstall = () => promptEvent() !== null && !installed();
export const isInstalled = installed;
export const isIos =
  /iphone|ipad|ipod/i.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);

export async function install(): Promise<void> {
  const event = promptEvent();
  if (!event) return;
  await event.prompt();
  const { outcome } = await event.userChoice;
  setPromptEvent(null);
  if (outcome === 'accepted') setInstalled(true);
}
