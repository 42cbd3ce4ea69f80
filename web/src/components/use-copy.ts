import { useServices } from '../app/services.tsx';

/** Copy with a confirmation toast; marks the record used for the "recently used" order. */
export function useCopy() {
  const { clipboard, toasts, session, settings } = useServices();
  return async (text: string, confirmation: string, recordId?: string) => {
    let clearsIn: number;
    try {
      clearsIn = await clipboard.copy(text);
    } catch {
      toasts.show('Could not copy: the browser refused access to the clipboard.');
      return;
    }
    if (recordId) session.store()?.markUsed(recordId);
    // Promise a clear only when it will happen (see services/clipboard.ts).
    if (clearsIn > 0) toasts.show(`${confirmation} · clears in ${clearsIn} s`);
    else if (settings.settings.clipboardClearSeconds > 0)
      toasts.show(`${confirmation} · this browser does not let Tessera clear it later`);
    else toasts.show(confirmation);
  };
}
