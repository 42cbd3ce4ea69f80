// Copy a code or a password, then take it back off the clipboard after a while, but only when
// the clipboard still holds what we put there: the user may have copied something else since.
// Reading the clipboard needs permission (Chromium asks or allows when focused; Firefox and
// Safari do not let pages read it); where we cannot check, we leave the clipboard alone.
export interface ClipboardService {
  copy(text: string): Promise<void>;
  /** Clears our value now if it is still there (on lock). */
  clearNow(): Promise<void>;
}

export function createClipboard(clearAfterSeconds: () => number): ClipboardService {
  let ours: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

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
      // Not allowed to read here: we cannot tell whose value it is, so it stays.
    }
  };

  return {
    async copy(text) {
      await navigator.clipboard.writeText(text);
      ours = text;
      if (timer !== undefined) clearTimeout(timer);
      const seconds = clearAfterSeconds();
      timer = seconds > 0 ? setTimeout(() => void clearIfOurs(), seconds * 1000) : undefined;
    },
    async clearNow() {
      if (timer !== undefined) clearTimeout(timer);
      await clearIfOurs();
    },
  };
}
