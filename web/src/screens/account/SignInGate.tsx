import { Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { navigate } from '../../app/router.ts';
import { SignInForm } from './SignInForm.tsx';
import './account.css';

// Full-page sign-in before any vault is open: on a new device (its vault comes from the
// account), or on a locked device signed out of sync (its password may have changed elsewhere:
// signing in opens the vault and takes the account's password from then on).
export function SignInGate() {
  const { session, account } = useServices();
  const isNew = () => session.phase() === 'new';
  return (
    <main class="gate">
      <div class="gate-card">
        <img class="gate-logo" src="/icons/icon-192.png" alt="" width="56" height="56" />
        <h1>Sign in to sync</h1>
        <Show
          when={isNew()}
          fallback={
            <p class="gate-lead">
              Sign in with your account's current master password. Changes made on this device are kept and synced.
            </p>
          }
        >
          <p class="gate-lead">
            Your vault comes from your account, encrypted, and opens here with your master password. It then works
            offline like any vault on this device.
          </p>
        </Show>
        <SignInForm
          email={account.account()?.email ?? ''}
          onDone={() => navigate({ name: 'codes' }, { replace: true })}
        />
        <p class="gate-switch">
          <a href="#/">{isNew() ? 'Create a new vault instead' : 'Unlock with the password of this device'}</a>
        </p>
      </div>
    </main>
  );
}
