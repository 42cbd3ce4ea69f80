import { createSignal, For, onMount, Show } from 'solid-js';
import { useServices } from '../app/services.tsx';
import { navigate } from '../app/router.ts';
import { Icon } from '../components/icons.tsx';
import type { FactAction } from '../lib/safety.ts';
import './safety.css';

/** Brings a group further down Settings into view and moves the focus to its heading. */
function showGroup(id: string): void {
  const group = document.getElementById(id);
  if (!group) return;
  group.scrollIntoView({ block: 'start' });
  const heading = group.querySelector<HTMLElement>('h2, h3');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

// Settings > Safe at a glance (docs/web.md): the six facts that say whether this vault would
// survive a lost device or a forgotten password, each in words, the ones that need attention
// first marked, with the action that helps. It sits at the top of Settings, where the badge on
// the Settings button leads, and its actions reach the groups below.
export function SafetyPanel() {
  const { safety, backups } = useServices();
  const [busy, setBusy] = createSignal<FactAction | null>(null);
  onMount(() => void safety.refreshStorage());

  const act = async (kind: FactAction) => {
    setBusy(kind);
    try {
      switch (kind) {
        case 'turn-on-sync':
        case 'open-sync':
          return navigate({ name: 'account' });
        case 'test-restore':
          return navigate({ name: 'drill' });
        case 'write-backup':
          return await backups.writeNow();
        case 'save-copy':
          return showGroup('automatic-backups');
        case 'make-recovery-key':
        case 'check-recovery-key':
          return showGroup('recovery-key');
        case 'ask-storage':
          return await safety.askStorage();
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="settings-group safety" id="safe-at-a-glance">
      <h2>Safe at a glance</h2>
      <p class="muted" data-testid="safety-summary">
        {safety.attention() === 0
          ? 'Nothing needs your attention.'
          : `${safety.attention() === 1 ? '1 thing needs' : `${safety.attention()} things need`} your attention.`}
      </p>
      <ul class="safety-list">
        <For each={safety.facts()}>
          {(fact) => (
            <li class="safety-fact" data-fact={fact.key} data-attention={String(fact.attention)}>
              <span class="safety-mark" aria-hidden="true">
                <Icon name={fact.attention ? 'warning' : 'check'} />
              </span>
              <div class="safety-text">
                <strong>
                  {fact.title}
                  <Show when={fact.attention}>
                    <span class="visually-hidden"> (needs attention)</span>
                  </Show>
                </strong>
                <span>{fact.state}</span>
              </div>
              <Show when={fact.action}>
                {(action) => (
                  <button
                    type="button"
                    class={fact.attention ? 'button button-primary' : 'button'}
                    disabled={busy() !== null}
                    onClick={() => void act(action().kind)}
                  >
                    {action().label}
                  </button>
                )}
              </Show>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
