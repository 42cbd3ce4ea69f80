import { createResource, createSignal, For, Show } from 'solid-js';
import type { Erasure, SessionInfo } from '@tessera/core/sync/protocol';
import { useServices } from '../../app/services.tsx';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import { deviceKindText } from '../../lib/device-kind.ts';
import { failureText } from './messages.ts';

// Every device signed in to the account (a session each), this one marked. Another device can be
// signed out (it keeps its vault and asks to sign in again), or signed out and erased: behind the
// master password, it locks the moment it hears, confirms and removes its vault; the account
// keeps the synced copy (docs/web.md, "A lost device forgets"). Both ask first.
function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
function day(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { dateStyle: 'medium' });
}
// Under the name, what tells two devices named alike apart: browser and OS as the device said at
// sign-in ("Chrome on Android · signed in 3 Dec 2026"); a session older than that says nothing.
// Each part keeps its words together, so a narrow line breaks at the "·", never inside a date.
function SignedIn(props: { session: SessionInfo }) {
  const kind = () => deviceKindText(props.session.deviceKind);
  return (
    <span class="row-account device-kind">
      <Show when={kind()} fallback={<span class="keep-together">Signed in {day(props.session.createdAt)}</span>}>
        {(text) => (
          <>
            <span class="keep-together">{text()}</span> ·{' '}
            <span class="keep-together">signed in {day(props.session.createdAt)}</span>
          </>
        )}
      </Show>
    </span>
  );
}

type Asking = { id: string; what: 'sign-out' | 'erase' } | null;

export function Devices(props: { onSignOut: () => void }) {
  const { account, toasts } = useServices();
  const [error, setError] = createSignal<string | null>(null);
  const [asking, setAsking] = createSignal<Asking>(null);
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [list, { refetch }] = createResource(async () => {
    try {
      setError(null);
      return await account.sessions();
    } catch (failure) {
      setError(failureText(failure));
      return { sessions: [] as SessionInfo[], erasures: [] as Erasure[] };
    }
  });
  const ask = (id: string, what: 'sign-out' | 'erase') => {
    setPassword('');
    setError(null);
    const now = asking();
    setAsking(now?.id === id && now.what === what ? null : { id, what });
  };
  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
      setAsking(null);
      setPassword('');
      // Only after a success: reading the list again clears the message of a failure.
      await refetch();
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };
  const revoke = (session: SessionInfo) =>
    act(async () => {
      await account.revoke(session.id);
      toasts.show(`Signed out “${session.deviceName}”`);
    });
  const erase = (session: SessionInfo) =>
    act(async () => {
      await account.eraseDevice(session.id, password());
      toasts.show(`“${session.deviceName}” will erase Tessera the moment it is online`);
    });
  const isAsking = (session: SessionInfo, what: 'sign-out' | 'erase') =>
    asking()?.id === session.id && asking()?.what === what;

  return (
    <div class="settings-group">
      <h2>Devices</h2>
      <Show when={error() && asking() === null}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
      <ul class="plain-list device-list" aria-busy={list.loading}>
        <For each={list()?.sessions ?? []}>
          {(session) => (
            <li class="plain-row device-row">
              <div class="device-line">
                <span class="row-text">
                  <span class="row-name">
                    {session.deviceName}
                    <Show when={session.current}>
                      {' '}
                      <span class="device-this">This device</span>
                    </Show>
                  </span>
                  <SignedIn session={session} />
                  <span class="row-account">Last seen {when(session.lastSeenAt)}</span>
                  <Show when={session.eraseRequestedAt}>
                    {(at) => (
                      <span class="device-erase-state">
                        Erase pending since {when(at())}: it erases Tessera the moment it is online
                      </span>
                    )}
                  </Show>
                </span>
                <Show
                  when={session.current}
                  fallback={
                    <span class="device-actions">
                      <button
                        type="button"
                        class="button"
                        aria-label={`Sign out ${session.deviceName}`}
                        aria-expanded={isAsking(session, 'sign-out')}
                        onClick={() => ask(session.id, 'sign-out')}
                      >
                        Sign out
                      </button>
                      <Show when={!session.eraseRequestedAt}>
                        <button
                          type="button"
                          class="button button-danger"
                          aria-label={`Sign out and erase ${session.deviceName}`}
                          aria-expanded={isAsking(session, 'erase')}
                          onClick={() => ask(session.id, 'erase')}
                        >
                          Sign out and erase
                        </button>
                      </Show>
                    </span>
                  }
                >
                  <button type="button" class="button" onClick={props.onSignOut}>
                    Sign out…
                  </button>
                </Show>
              </div>
              <Show when={isAsking(session, 'sign-out')}>
                <div class="account-form" role="group" aria-label={`Sign out “${session.deviceName}”?`}>
                  <p>
                    <strong>Sign out “{session.deviceName}”?</strong>
                  </p>
                  <p class="muted">
                    It stops syncing and asks for the password to sign in again. Its vault stays on it, locked by your
                    master password. If the device is lost or in someone else's hands, sign it out and erase it instead.
                  </p>
                  <Show when={error()}>
                    <p class="form-error" role="alert">
                      {error()}
                    </p>
                  </Show>
                  <div class="button-row">
                    <button
                      type="button"
                      class="button button-primary"
                      disabled={busy()}
                      onClick={() => void revoke(session)}
                    >
                      Sign out
                    </button>
                    <button type="button" class="button" disabled={busy()} onClick={() => setAsking(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              </Show>
              <Show when={isAsking(session, 'erase')}>
                <form
                  class="account-form"
                  aria-label={`Sign out and erase Tessera from “${session.deviceName}”?`}
                  onSubmit={(e) => {
                    e.preventDefault();
                    void erase(session);
                  }}
                >
                  <p>
                    <strong>Sign out and erase Tessera from “{session.deviceName}”?</strong>
                  </p>
                  <p class="muted">
                    It locks the moment it hears of it (at once if it is online, else when it next connects), then
                    removes its vault and the backups it kept. Your other devices and the sync account keep everything.
                    Changes made on it that never synced are lost.
                  </p>
                  <PasswordInput
                    id={`erase-password-${session.id}`}
                    label="Your master password"
                    value={password()}
                    onInput={setPassword}
                    autocomplete="current-password"
                    disabled={busy()}
                  />
                  <Show when={error()}>
                    <p class="form-error" role="alert">
                      {error()}
                    </p>
                  </Show>
                  <div class="button-row">
                    <button type="submit" class="button button-danger" disabled={busy() || password() === ''}>
                      Sign out and erase
                    </button>
                    <button type="button" class="button" disabled={busy()} onClick={() => setAsking(null)}>
                      Cancel
                    </button>
                  </div>
                </form>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={(list()?.erasures.length ?? 0) > 0}>
        <h3>Erased devices</h3>
        <ul class="plain-list device-list">
          <For each={list()?.erasures ?? []}>
            {(erased) => (
              <li class="plain-row device-row erased-row">
                <span class="row-text">
                  <span class="row-name">{erased.deviceName}</span>
                  <span class="row-account">
                    {erased.erasedAt === null
                      ? `Erase pending since ${when(erased.requestedAt)}; its session ended before it was back online`
                      : `Erased at ${when(erased.erasedAt)}`}
                  </span>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <button type="button" class="button" onClick={() => void refetch()}>
        Refresh the list
      </button>
    </div>
  );
}
