import { createEffect, createSignal, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import { useServices } from './services.tsx';
import { navigate, route } from './router.ts';
import { canInstall, install } from './install.ts';
import { Icon } from '../components/icons.tsx';
import { KeyboardHelp } from '../components/KeyboardHelp.tsx';
import { watchKeys } from './keyboard.ts';
import { AddScreen } from '../screens/AddScreen.tsx';
import { Codes } from '../screens/Codes.tsx';
import { RecentlyDeleted } from '../screens/RecentlyDeleted.tsx';
import { RecordDetail } from '../screens/RecordDetail.tsx';
import { RecordEditor } from '../screens/RecordEditor.tsx';
import { Settings } from '../screens/Settings.tsx';
import { settingsLabel } from '../lib/safety.ts';
import '../screens/safety.css';
import { RestoreDrill } from '../screens/backup/RestoreDrill.tsx';
import { TransferRoute } from '../screens/transfer/TransferRoute.tsx';
import { TwoFactorRoute } from '../screens/twofa/TwoFactorRoute.tsx';
import { AccountScreen } from '../screens/account/AccountScreen.tsx';
import { ClockWarning } from '../screens/account/ClockWarning.tsx';
import { SyncBadge } from '../screens/account/SyncBadge.tsx';

// The unlocked app: the list on the left and the chosen screen on the right on a wide screen;
// one of the two at a time on a phone (layout.css decides from data-route).
export function Shell() {
  const { session, safety } = useServices();
  const [menuOpen, setMenuOpen] = createSignal(false);
  let menuButton!: HTMLButtonElement;

  const go = (name: 'add' | 'new') => {
    setMenuOpen(false);
    navigate({ name });
  };

  // A new screen in the detail pane takes the focus (its heading, or the field marked for it),
  // so keyboard and screen-reader users land where the content changed.
  createEffect(
    on(
      () => route().name,
      (name) => {
        if (name === 'codes') return;
        queueMicrotask(() => {
          const target = document.querySelector<HTMLElement>('.detail-pane [data-autofocus], .detail-pane h1');
          target?.focus({ preventScroll: true });
        });
      },
      { defer: true },
    ),
  );

  const menuKeys = (event: KeyboardEvent) => {
    const items = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next =
      event.key === 'ArrowDown'
        ? at + 1
        : event.key === 'ArrowUp'
          ? at - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? items.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    items[(next + items.length) % items.length]?.focus();
  };

  onMount(() => onCleanup(watchKeys()));
  // Persistent storage is asked for when the vault is made: read the answer for the badge.
  onMount(() => void safety.refreshStorage());

  onMount(() => {
    const close = (event: Event) => {
      if (!menuOpen()) return;
      if (event instanceof KeyboardEvent) {
        if (event.key === 'Escape') {
          setMenuOpen(false);
          menuButton.focus();
        }
      } else if (!(event.target as HTMLElement).closest('.add-menu')) setMenuOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    onCleanup(() => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    });
  });

  return (
    <div class="shell" data-route={route().name}>
      <div class="list-pane">
        <header class="app-bar">
          <a class="brand" href="#/" aria-label="Tessera, all codes">
            <img src="/icons/icon-192.png" alt="" width="28" height="28" />
            <span>Tessera</span>
          </a>
          <div class="app-bar-actions">
            <Show when={canInstall()}>
              <button type="button" class="icon-button" aria-label="Install Tessera" onClick={() => void install()}>
                <Icon name="download" />
              </button>
            </Show>
            <div class="add-menu">
              <button
                type="button"
                class="icon-button icon-button-primary"
                aria-label="Add"
                aria-haspopup="menu"
                aria-expanded={menuOpen()}
                ref={menuButton}
                onClick={() => setMenuOpen(!menuOpen())}
              >
                <Icon name="plus" />
              </button>
              <Show when={menuOpen()}>
                <div class="menu" role="menu" aria-label="Add" onKeyDown={menuKeys}>
                  <button
                    type="button"
                    role="menuitem"
                    onClick={() => go('add')}
                    ref={(el) => queueMicrotask(() => el.focus())}
                  >
                    <Icon name="key" /> Add a code
                  </button>
                  <button type="button" role="menuitem" onClick={() => go('new')}>
                    <Icon name="edit" /> New login record
                  </button>
                </div>
              </Show>
            </div>
            {/* A quiet dot when something in Safe at a glance (the top of Settings) needs attention. */}
            <button
              type="button"
              class="icon-button attention-button"
              aria-label={settingsLabel(safety.attention())}
              onClick={() => navigate({ name: 'settings' })}
            >
              <Icon name="settings" />
              <Show when={safety.attention() > 0}>
                <span class="attention-dot" data-testid="attention-dot" />
              </Show>
            </button>
            <button type="button" class="icon-button" aria-label="Lock" onClick={() => session.lock()}>
              <Icon name="lock" />
            </button>
          </div>
        </header>
        <SyncBadge />
        <ClockWarning />
        <Codes />
      </div>
      <main class="detail-pane" aria-live="off">
        <Switch fallback={<Placeholder />}>
          <Match when={route().name === 'record' && route()} keyed>
            {(r) => r.name === 'record' && <RecordDetail id={r.id} />}
          </Match>
          <Match when={route().name === 'edit' && route()} keyed>
            {(r) => r.name === 'edit' && <RecordEditor id={r.id} />}
          </Match>
          <Match when={route().name === 'new'}>
            <RecordEditor id={null} />
          </Match>
          <Match when={route().name === 'add'}>
            <AddScreen />
          </Match>
          <Match when={route().name === 'settings'}>
            <Settings />
          </Match>
          <Match when={route().name === 'drill'}>
            <RestoreDrill />
          </Match>
          <Match when={route().name === 'deleted'}>
            <RecentlyDeleted />
          </Match>
          <Match when={route().name === 'transfer' && route()} keyed>
            {(r) => r.name === 'transfer' && <TransferRoute path={r.path} />}
          </Match>
          <Match when={route().name === 'account' || route().name === 'signin'}>
            <AccountScreen />
          </Match>
          <Match when={route().name === 'twofa'}>
            <TwoFactorRoute />
          </Match>
        </Switch>
      </main>
      <KeyboardHelp />
    </div>
  );
}

function Placeholder() {
  return (
    <div class="placeholder" aria-hidden="true">
      <img src="/icons/icon-192.png" alt="" width="72" height="72" />
      <p>Select an item to see its details.</p>
    </div>
  );
}
