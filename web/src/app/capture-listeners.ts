import { navigate, route } from './router.ts';
import { imageFiles, isEditable, isOtpLink, offerCapture, type Capture } from './capture.ts';

// Paste (Ctrl/Cmd+V) of a picture or an otpauth link anywhere outside a text field, and a
// picture dropped anywhere on the window, open the add flow with it. Inside the add flow its own
// image panel takes pastes and drops, so these stand aside there. When the vault is locked the
// capture waits in memory and the add flow opens with it after unlock (the route is kept).

function open(capture: Capture): void {
  offerCapture(capture);
  navigate({ name: 'add' });
}

/** `active` says whether there is a vault to add to (not on the first-run screen). */
export function watchCaptures(active: () => boolean): () => void {
  const onPaste = (event: ClipboardEvent) => {
    if (!active() || route().name === 'add' || isEditable(event.target)) return;
    const files = imageFiles(event.clipboardData?.items);
    if (files.length > 0) {
      event.preventDefault();
      open({ kind: 'files', files });
      return;
    }
    const text = event.clipboardData?.getData('text/plain').trim() ?? '';
    if (isOtpLink(text)) {
      event.preventDefault();
      open({ kind: 'text', text });
    }
  };
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  // Without preventDefault on dragover the browser would open the dropped picture itself,
  // leaving the app.
  const onDragOver = (event: DragEvent) => {
    if (!active() || route().name === 'add' || !hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent) => {
    if (!active() || route().name === 'add' || event.defaultPrevented || !hasFiles(event)) return;
    event.preventDefault();
    const files = [...(event.dataTransfer?.files ?? [])].filter((f) => f.type.startsWith('image/'));
    if (files.length > 0) open({ kind: 'files', files });
  };
  document.addEventListener('paste', onPaste);
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('drop', onDrop);
  return () => {
    document.removeEventListener('paste', onPaste);
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('drop', onDrop);
  };
}
