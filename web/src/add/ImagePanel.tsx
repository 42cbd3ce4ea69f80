import { createSignal, createUniqueId, onCleanup, onMount, Show } from 'solid-js';
import { AddError } from './errors.ts';
import { pixelsFromBlob } from './pixels.ts';
import type { QrClient } from '../services/qr-client.ts';
import type { Outcome } from './ways.ts';

// A QR code in a picture: chosen from the files, dropped on the panel, or pasted (a screenshot
// copied with the system's screenshot tool lands in the clipboard as an image).

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** The pictures among clipboard items (a copy from a browser also carries text and HTML). */
function clipboardImages(items: DataTransferItemList | null | undefined): File[] {
  return [...(items ?? [])]
    .filter((item) => item.kind === 'file' && item.type.startsWith('image/'))
    .map((item) => item.getAsFile())
    .filter((f): f is File => f !== null);
}

export function ImagePanel(props: {
  qr: QrClient;
  takeInitial?: () => File[];
  onText: (text: string) => Outcome;
  onProblem: (error: unknown) => void;
}) {
  const id = createUniqueId();
  const [busy, setBusy] = createSignal(false);
  const [dragging, setDragging] = createSignal(false);
  let input!: HTMLInputElement;

  const read = async (files: File[]) => {
    if (files.length === 0 || busy()) return;
    setBusy(true);
    try {
      for (const [i, file] of files.entries()) {
        const pixels = await pixelsFromBlob(file);
        const text = await props.qr.decode(pixels);
        const name = files.length > 1 ? `picture ${i + 1} (${file.name || 'pasted image'})` : 'this picture';
        if (text === null) {
          throw new AddError(
            'image-no-qr',
            `No QR code was found in ${name}. Make sure the whole code is in it, sharp and not cut off; a screenshot works best.`,
          );
        }
        if (props.onText(text) !== 'next-batch') break;
      }
    } catch (error) {
      props.onProblem(error);
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  // Pasted text that is a link is taken too: people copy the otpauth:// link as often as the picture.
  const onPaste = (event: ClipboardEvent) => {
    if (isEditable(event.target)) return;
    const files = clipboardImages(event.clipboardData?.items);
    if (files.length > 0) {
      event.preventDefault();
      void read(files);
      return;
    }
    const text = event.clipboardData?.getData('text/plain').trim() ?? '';
    if (/^(otpauth|otpauth-migration|steam):/i.test(text)) {
      event.preventDefault();
      props.onText(text);
      return;
    }
    props.onProblem(
      new AddError(
        'clipboard-no-image',
        'The clipboard holds no picture. Take a screenshot of the QR code (or copy the image), then paste again.',
      ),
    );
  };
  onMount(() => {
    document.addEventListener('paste', onPaste);
    // Pictures pasted or dropped before the flow opened are read once, as if chosen here.
    const initial = props.takeInitial?.() ?? [];
    if (initial.length > 0) void read(initial);
  });
  onCleanup(() => document.removeEventListener('paste', onPaste));

  return (
    <div
      class="add-drop"
      classList={{ 'add-drop-active': dragging() }}
      onDragEnter={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        // Every dropped file is tried: one that is not a picture gets its own message.
        const files = [...(e.dataTransfer?.files ?? [])];
        if (files.length > 0) return void read(files);
        const text = e.dataTransfer?.getData('text/plain').trim() ?? '';
        if (text !== '') props.onText(text);
        else
          props.onProblem(
            new AddError('image-unreadable', 'What was dropped is not a picture. Drop an image file of the QR code.'),
          );
      }}
    >
      <svg class="add-drop-icon" viewBox="0 0 24 24" width="40" height="40" aria-hidden="true">
        <path d="M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2M18 14h2" />
      </svg>
      <p>Drop a picture of the QR code here, or paste a screenshot (Ctrl+V, or ⌘V on a Mac).</p>
      <input
        id={id}
        ref={input}
        class="add-visually-hidden"
        type="file"
        accept="image/*"
        multiple
        disabled={busy()}
        onChange={(e) => void read([...(e.currentTarget.files ?? [])])}
      />
      <label for={id} class="add-button add-button-primary" classList={{ 'add-button-disabled': busy() }}>
        Choose a picture
      </label>
      <p class="add-status" role="status">
        <Show when={busy()}>Looking for a QR code…</Show>
      </p>
    </div>
  );
}
