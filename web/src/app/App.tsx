import { createEffect, Match, on, onCleanup, Switch } from 'solid-js';
import { watchCaptures } from './capture-listeners.ts';
import { route } from './router.ts';
import { watchShortcuts } from './shortcuts.ts';
import { useServices } from './services.tsx';
import { Shell } from './Shell.tsx';
import { ToastHost } from '../components/ToastHost.tsx';
import { UpdatePrompt } from '../components/UpdatePrompt.tsx';
import { FirstRun } from '../screens/FirstRun.tsx';
import { Unlock } from '../screens/Unlock.tsx';
import { SignInGate } from '../screens/account/SignInGate.tsx';
import { RecoverySheet } from '../screens/recovery/RecoverySheet.tsx';

export function App() {
  const { session, settings, clipboard, recovery, backups } = useServices();
  onCleanup(session.watchActivity(settings.settings));
  onCleanup(watchShortcuts());
  onCleanup(watchCaptures(() => session.phase() === 'locked' || session.phase() === 'unlocked'));
  backups.watch();
  // A copied code or password should not outlive the unlocked session.
  createEffect(
    on(session.phase, (phase, previous) => {
      if (phase === 'locked' && previous === 'unlocked') {
        void clipboard.clearNow();
        // A recovery key still on screen is not left in memory behind the lock.
        recovery.dismissFresh();
      }
    }),
  );
  return (
    <>
      <Switch>
        <Match when={(session.phase() === 'new' || session.phase() === 'locked') && route().name === 'signin'}>
          <SignInGate />
        </Match>
        <Match when={session.phase() === 'new'}>
          <FirstRun />
        </Match>
        <Match when={session.phase() === 'locked'}>
          <Unlock />
        </Match>
        <Match when={session.store() && recovery.fresh()} keyed>
          {(recoveryKey) => <RecoverySheet recoveryKey={recoveryKey} />}
        </Match>
        <Match when={session.store()} keyed>
          <Shell />
        </Match>
      </Switch>
      <ToastHost />
      <UpdatePrompt />
    </>
  );
}
