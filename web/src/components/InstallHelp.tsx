import { Match, Switch } from 'solid-js';
import { canInstall, install, isInstalled, isIos } from '../app/install.ts';
import { Icon } from './icons.tsx';

export function InstallHelp() {
  return (
    <Switch fallback={<p class="muted">Your browser installs web apps from its menu (look for “Install app” or “Add to Home screen”).</p>}>
      <Match when={isInstalled()}><p class="muted">Tessera is installed on this device.</p></Match>
      <Match when={canInstall()}>
        <button type="button" class="button button-primary" onClick={() => void install()}><Icon name="download" /> Install Tessera</button>
      </Match>
      <Match when={isIos}>
        <p class="muted">On iPhone and iPad: open this page in Safari, tap <strong>Share</strong>, then <strong>Add to Home Screen</strong>.</p>
      </Match>
    </Switch>
  );
}
