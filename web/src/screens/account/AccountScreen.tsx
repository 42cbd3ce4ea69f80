import { createSignal, Match, Switch } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { navigate } from '../../app/router.ts';
import { Icon } from '../../components/icons.tsx';
import { BackBar } from '../RecordDetail.tsx';
import { ChangePassword } from './ChangePassword.tsx';
import { DeleteAccount } from './DeleteAccount.tsx';
import { Devices } from './Devices.tsx';
import { EnableSync } from './EnableSync.tsx';
import { SignInForm } from './SignInForm.tsx';
import { SignOut } from './SignOut.tsx';
import { SyncStatusCard } from './SyncStatusCard.tsx';
import './account.css';

// Settings > Account & sync: turn sync on; or the status, the devices, the password, signing out
// and deleting the account; or, when the server signed this device out, signing in again.
export function AccountScreen() {
  const { account, toasts } = useServices();
  const [signOutOpen, setSignOutOpen] = createSignal(false);
  const row = () => account.account();
  return (
    <section class="detail" aria-labelledby="account-title">
      <BackBar title="Account & sync" />
      <div class="detail-body settings account">
        <h1 id="account-title" class="visually-hidden" tabIndex={-1}>
          Account and sync
        </h1>
        <Switch>
          <Match when={!row()}>
            {/* Changing the password of a vault without sync is in Settings > Master password. */}
            <EnableSync />
          </Match>
          <Match when={row()?.signedOutReason === 'account-deleted' && !row()?.token}>
            <div class="settings-group">
              <SyncStatusCard />
              <button type="button" class="button" onClick={() => void account.forget()}>
                Keep using this vault without sync
              </button>
            </div>
          </Match>
          <Match when={!row()?.token}>
            <div class="settings-group">
              <SyncStatusCard />
              <h2>Sign in again</h2>
              <SignInForm email={row()?.email ?? ''} onDone={() => toasts.show('Signed in. Syncing…')} />
            </div>
            <SignOut open={signOutOpen()} onOpen={setSignOutOpen} />
          </Match>
          <Match when={row()?.token}>
            <div class="settings-group">
              <h2>Sync</h2>
              <SyncStatusCard />
            </div>
            <Devices onSignOut={() => setSignOutOpen(true)} />
            <div class="settings-group">
              <h2>Two-factor sign-in</h2>
              <button type="button" class="button" onClick={() => navigate({ name: 'twofa' })}>
                <Icon name="key" /> Two-factor authentication
              </button>
            </div>
            <ChangePassword />
            <SignOut open={signOutOpen()} onOpen={setSignOutOpen} />
            <DeleteAccount />
          </Match>
        </Switch>
      </div>
    </section>
  );
}
