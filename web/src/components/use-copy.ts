import { useServices } from '../app/services.tsx';

/** Copy with a confirmation toast; marks the record used for the "recently used" order. */
export function useCopy() {
  const { clipboard, toasts, session, settings } = useServices();
  return async (text: string, confirmation: string, recordId?: string) => {
    try {
      await clipboard.copy(text);
      if (recordId) session.store()?.markUsed(recordId);
      const seconds = settings.settings.clipboardClearSeconds;
      toasts.show(seconds > 0 ? `${confirmation} · clears in ${seconds} s` : confirmation);
    } catch {
      toasts.show('Could not copy: the browser refused access to the clipboard.');
    }
  };
}
