import { Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import './account.css';

// Under the first-run and unlock forms: the way to the sign-in (SignInGate).
export function SignInHint() {
  const { session, sync } = useServices();
  return (
    <Show when={session.phase() === 'new' || sync.status().state.kind === 'signed-out'}>
      <p class="gate-switch">
        <Show
          when={session.phase() === 'new'}
          fallback={
            <>
              Signed out of sync, or changed the password on another device? <a href="#/signin">Sign in</a>
            </>
          }
        >
          Already use Tessera on another device? <a href="#/signin">Sign in to your account</a>
        </Show>
      </p>
    </Show>
  );
}
