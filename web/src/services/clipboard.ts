// Copy a code or a password, then take it back off the clipboard after a while, but only when
// the clipboard still holds what we put there: the user may have copied something else since.
// Reading the clipboard back is what makes that check possible, and only Chromium allows it
// (it knows a `clipboard-read` permission). Firefox answers a read with a "Paste" button the user
// must press, and WebKit refuses it; there the clipboard is left alone, and the app says so
// instead of promising a clear that will not happen.
export interface ClipboardService {
  /** Copies `text`; resolves to the seconds after which it will be cleared, 0 for never. */
  copy(text: string): Promise<number>;
  /** Whether this browser lets Tessera check the clipboard, and so clear it. */
  canClear(): Promise<boolean>;
  /** Clears our value now if it is still there (on lock). */
  clearNow(): Promise<void>;
}

async function readBackAllowed(): Promise<boolean> {
  if (typeof navigator.clipboard?.readText !== 'function' || typeof navigator.permissions?.query !== 'function')
    return false;
  try {
    // Firefox and WebKit throw here: they know no such permission.
    const status = await navigator.permissions.query({ name: 'clipboard-read' as PermissionName });
    return status.state !== 'denied';
  } catch {
    return false;
  }
}

export function createClipboard(clearAfterSeconds: () => number): ClipboardService {
  let ours: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let allowed: Promise<boolean> | undefined;
  const canClear = () => (allowed ??= readBackAllowed());

  const clearIfOurs = async () => {
    timer = undefined;
    const value = ours;
    if (value === null) return;
    if (!document.hasFocus()) {
      // Clipboard access needs a focused document: try again when the user comes back.
      window.addEventListener('focus', () => void clearIfOurs(), { once: true });
      return;
    }
    ours = null;
    try {
      if ((await navigator.clipboard.readText()) === value) await navigator.clipboard.writeText('');
    } catch {
      // Not allowed to read after all: we cannot tell whose value it is, so it stays.
    }
  };

  return {
    async copy(text) {
      await navigator.clipboard.writeText(text);
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const seconds = clearAfterSeconds();
      if (seconds <= 0 || !(await canClear())) {
        ours = null;
        return 0;
      }
      ours = text;
      timer = setTimeout(() => void clearIfOurs(), seconds * 1000);
      return seconds;
    },
    canClear,
    async clearNow() {
      if (timer !== undefined) clearTimeout(timer);
      await clearIfOurs();
    },
  };
}
