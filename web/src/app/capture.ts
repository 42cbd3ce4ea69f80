import { createSignal } from 'solid-js';

// Something handed to the app from outside the add flow (a pasted picture or link, a dropped
// picture) that the add flow should start with. It lives only in this page's memory: the add
// flow takes it when it opens, and it is gone once added or dismissed. It is never stored or sent.

export type Capture = { kind: 'files'; files: File[] } | { kind: 'text'; text: string };

const [pending, setPending] = createSignal<Capture | null>(null);

export function offerCapture(capture: Capture): void {
  setPending(capture);
}

/** Hands the waiting capture to the add flow, once: a later visit to the flow starts empty. */
export function takeCapture(): Capture | null {
  const capture = pending();
  setPending(null);
  return capture;
}

/** Text that the add flow can read: an otpauth://, otpauth-migration:// or steam:// link. */
export function isOtpLink(text: string): boolean {
  return /^(otpauth|otpauth-migration|steam):/i.test(text);
}

export function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** The pictures among clipboard or drag items (a copy from a browser also carries text and HTML). */
export function imageFiles(items: DataTransferItemList | null | undefined): File[] {
  return [...(items ?? [])]
    .filter((item) => item.kind === 'file' && item.type.startsWith('image/'))
    .map((item) => item.getAsFile())
    .filter((f): f is File => f !== null);
}

// A file opened with Tessera (File Handling) that is not a picture: an export or a backup for the
// import screen, held the same way, in memory only, until the import screen takes it.
const [importFile, setImportFile] = createSignal<File | null>(null);

export function offerImportFile(file: File): void {
  setImportFile(file);
}

export function takeImportFile(): File | null {
  const file = importFile();
  setImportFile(null);
  return file;
}
