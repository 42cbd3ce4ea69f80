import { createResource, Show } from 'solid-js';
import { askPersistence, PERSISTENCE_TEXT, readPersistence } from '../services/storage-persistence.ts';

// Settings > Storage: whether the browser keeps this vault, and what that means.
export function StorageSettingsGroup() {
  const [persistence, { mutate }] = createResource(() => readPersistence());
  const text = () => PERSISTENCE_TEXT[persistence() ?? 'unsupported'];
  return (
    <div class="settings-group">
      <h2>Storage</h2>
      <Show when={persistence()} fallback={<p class="muted">Checking…</p>}>
        <p data-testid="storage-persistence" data-persistence={persistence()}>
          {text().title}
        </p>
        <p class="muted">{text().detail}</p>
        <Show when={persistence() === 'best-effort'}>
          <button type="button" class="button" onClick={() => void askPersistence().then(mutate)}>
            Ask the browser again
          </button>
        </Show>
      </Show>
    </div>
  );
}
