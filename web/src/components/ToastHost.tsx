import { Show } from 'solid-js';
import { useServices } from '../app/services.tsx';

export function ToastHost() {
  const { toasts } = useServices();
  return (
    <div class="toast-host" role="status" aria-live="polite">
      <Show when={toasts.current()} keyed>
        {(toast) => (
          <div class="toast">
            <span>{toast.message}</span>
            <Show when={toast.action}>
              {(action) => (
                <button
                  type="button"
                  class="toast-action"
                  onClick={() => {
                    toasts.dismiss(toast.id);
                    action().run();
                  }}
                >
                  {action().label}
                </button>
              )}
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}
