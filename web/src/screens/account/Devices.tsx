import { createResource, createSignal, For, Show } from 'solid-js';
import type { SessionInfo } from '@tessera/core/sync/protocol';
import { useServices } from '../../app/services.tsx';
import { failureText } from './messages.ts';

// Every device signed in to the account (a session each), this one marked. Ending another
// device's session signs it out at once; it keeps its vault and asks to sign in again.
function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function Devices(props: { onSignOut: () => void }) {
  const { account, toasts } = useServices();
  const [error, setError] = createSignal<string | null>(null);
  const [sessions, { refetch }] = createResource(async () => {
    try {
      setError(null);
      return await account.sessions();
    } catch (failure) {
      setError(failureText(failure));
      return [] as SessionInfo[];
    }
  });
  const revoke = async (session: SessionInfo) => {
    try {
      await account.revoke(session.id);
      toasts.show(`Signed out “${session.deviceName}”`);
    } catch (failure) {
      setError(failureText(failure));
    }
    await refetch();
  };
  return (
    <div class="settings-group">
      <h2>Devices</h2>
      <Show when={error()}>
        {(text) => (
          <p class="form-error" role="alert">
            {text()}
          </p>
        )}
      </Show>
      <ul class="plain-list device-list" aria-busy={sessions.loading}>
        <For each={sessions() ?? []}>
          {(session) => (
            <li class="plain-row device-row">
              <span class="row-text">
                <span class="row-name">
                  {session.deviceName}
                  <Show when={session.current}>
                    {' '}
                    <span class="device-this">This device</span>
                  </Show>
                </span>
                <span class="row-account">
                  Signed in {when(session.createdAt)} · last seen {when(session.lastSeenAt)}
                </span>
              </span>
              <Show
                when={session.current}
                fallback={
                  <button
                    type="button"
                    class="button"
                    aria-label={`Sign out ${session.deviceName}`}
                    onClick={() => void revoke(session)}
                  >
                    Sign out
                  </button>
                }
              >
                <button type="button" class="button" onClick={props.onSignOut}>
                  Sign out…
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <button type="button" class="button" onClick={() => void refetch()}>
        Refresh the list
      </button>
    </div>
  );
}
