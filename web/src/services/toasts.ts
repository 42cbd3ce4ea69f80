import { createSignal, type Accessor } from 'solid-js';

// Short confirmations ("Copied", "Deleted — Undo"). One at a time: a new toast replaces the old,
// because stacked confirmations for repeated copies are noise.
export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => void } | undefined;
}

export interface Toasts {
  current: Accessor<Toast | null>;
  show(message: string, action?: Toast['action'], ms?: number): void;
  dismiss(id: number): void;
}

export function createToasts(): Toasts {
  const [current, setCurrent] = createSignal<Toast | null>(null);
  let nextId = 1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const dismiss = (id: number) => {
    if (current()?.id === id) setCurrent(null);
  };
  return {
    current,
    dismiss,
    show(message, action, ms = action ? 6000 : 2200) {
      const toast: Toast = { id: nextId++, message, action };
      clearTimeout(timer);
      setCurrent(toast);
      timer = setTimeout(() => dismiss(toast.id), ms);
    },
  };
}
