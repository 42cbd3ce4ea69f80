import { createEffect, For } from 'solid-js';
import { closeKeyHelp, helpOpen } from '../app/keyboard.ts';

// The help sheet of the keyboard keys ("?" or Settings > Keyboard shortcuts): a modal <dialog>,
// so the focus stays inside, Esc closes it and the focus goes back where it was.
const KEYS: readonly (readonly [keys: readonly string[], what: string])[] = [
  [['/'], 'Search'],
  [['↓', '↑'], 'Move between codes (from the search field too)'],
  [['←', '→'], 'Move across cards, when the list is a grid'],
  [['Home', 'End'], 'First or last code'],
  [['Enter'], 'Copy the code of the selected row (a login opens)'],
  [['Esc'], 'Clear the search; close the open record or Settings'],
  [['Ctrl', 'V'], 'Add a code from a copied QR picture or otpauth link'],
  [['?'], 'This list'],
];

export function KeyboardHelp() {
  let dialog!: HTMLDialogElement;
  let before: HTMLElement | null = null;
  createEffect(() => {
    if (helpOpen() && !dialog.open) {
      before = document.activeElement as HTMLElement | null;
      dialog.showModal();
    } else if (!helpOpen() && dialog.open) dialog.close();
  });
  return (
    <dialog
      class="sheet key-help"
      ref={dialog}
      aria-labelledby="key-help-title"
      onClose={() => {
        closeKeyHelp();
        before?.focus();
        before = null;
      }}
      onClick={(event) => {
        // A click on the backdrop (outside the sheet's box) closes it.
        if (event.target === dialog) dialog.close();
      }}
    >
      <div class="sheet-body">
        <h2 id="key-help-title">Keyboard shortcuts</h2>
        <dl class="key-list">
          <For each={KEYS}>
            {([keys, what]) => (
              <div class="key-item">
                <dt>
                  <For each={keys}>{(key) => <kbd>{key}</kbd>}</For>
                </dt>
                <dd>{what}</dd>
              </div>
            )}
          </For>
        </dl>
        <p class="muted">Keys typed into a field stay in the field.</p>
        <div class="button-row">
          <button type="button" class="button button-primary" onClick={() => dialog.close()}>
            Close
          </button>
        </div>
      </div>
    </dialog>
  );
}
