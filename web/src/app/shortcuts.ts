import { createSignal } from 'solid-js';
import type { Way } from '../add/ways.ts';
import { offerCapture, offerImportFile } from './capture.ts';
import { navigate } from './router.ts';
import { takeShared } from './shared.ts';

// The manifest's shortcuts (the menu on the installed app's icon) open `#/add`, `#/add/camera`
// and `#/search`. The last two are requests, not screens: the add flow on its Camera tab, the
// codes list with the search field focused. They are taken here and the address becomes the
// plain route, so reload and back do not repeat them. Each request waits in memory until the
// screen it is for is mounted (after unlock when the vault is locked).

const [wantedWay, setWantedWay] = createSignal<Way | null>(null);
const [searchWanted, setSearchWanted] = createSignal(false);

export { searchWanted, wantedWay };

export function clearWantedWay(): void {
  setWantedWay(null);
}

export function clearSearchWanted(): void {
  setSearchWanted(false);
}

const SHARED = /^#\/add\/share\/([0-9a-f-]{36})$/;

function takeShortcut(hash: string): void {
  const shared = SHARED.exec(hash)?.[1];
  if (shared !== undefined) {
    // Read before the add flow opens: a share is a fresh page load, so the lock screen comes first.
    navigate({ name: 'add' }, { replace: true });
    void takeShared(shared).then((capture) => {
      if (capture !== null) offerCapture(capture);
    });
  } else if (hash === '#/add/camera') {
    setWantedWay('camera');
    navigate({ name: 'add' }, { replace: true });
  } else if (hash === '#/search') {
    setSearchWanted(true);
    navigate({ name: 'codes' }, { replace: true });
  }
}

interface LaunchParams {
  readonly targetURL?: string;
  readonly files?: ReadonlyArray<{ kind: string; getFile?: () => Promise<File> }>;
}

/**
 * Files opened with Tessera (the manifest's file_handlers): pictures go to the add flow to have
 * their QR code read, anything else (an export of another app, a Tessera backup) to the import
 * screen, which finds its format.
 */
async function openFiles(handles: NonNullable<LaunchParams['files']>): Promise<void> {
  const files: File[] = [];
  for (const handle of handles) if (handle.kind === 'file' && handle.getFile) files.push(await handle.getFile());
  // The type comes from the name's extension, which the system may not map: both are checked.
  const isPicture = (f: File) => f.type.startsWith('image/') || /\.(png|jpe?g|webp|gif)$/i.test(f.name);
  const pictures = files.filter(isPicture);
  const other = files.find((f) => !isPicture(f));
  if (other !== undefined) {
    offerImportFile(other);
    navigate({ name: 'transfer', path: ['import'] });
  } else if (pictures.length > 0) {
    offerCapture({ kind: 'files', files: pictures });
    navigate({ name: 'add' });
  }
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

/**
 * Watches for shortcut addresses: at start, on hash changes, and from `launchQueue` when the
 * manifest's `launch_handler` (`focus-existing`) brings the open window forward instead of
 * opening a second one; then the page does not navigate and the shortcut's URL comes only here.
 */
export function watchShortcuts(): () => void {
  takeShortcut(location.hash);
  const onHash = () => takeShortcut(location.hash);
  window.addEventListener('hashchange', onHash);
  const queue = (window as { launchQueue?: LaunchQueue }).launchQueue;
  queue?.setConsumer((params) => {
    if (params.files && params.files.length > 0) return void openFiles(params.files);
    if (!params.targetURL) return;
    const url = new URL(params.targetURL);
    if (url.origin !== location.origin) return;
    if (url.hash !== location.hash) location.hash = url.hash || '#/';
  });
  return () => window.removeEventListener('hashchange', onHash);
}
