import { Match, Switch } from 'solid-js';
import { canInstall, install, installRoute, isInstalled, isIos } from '../app/install.ts';
import { Icon } from './icons.tsx';

const IN_A_TAB = 'Tessera works in this tab, offline too: bookmark it to come back.';

export function InstallHelp() {
  const route = installRoute(navigator.userAgent, isIos);
  return (
    <Switch
      fallback={
        <p class="muted">
          Your browser installs web apps from its menu (look for “Install app” or “Add to Home screen”).
        </p>
      }
    >
      <Match when={isInstalled()}>
        <p class="muted">Tessera is installed on this device.</p>
      </Match>
      <Match when={canInstall()}>
        <button type="button" class="button button-primary" onClick={() => void install()}>
          <Icon name="download" /> Install Tessera
        </button>
      </Match>
      <Match when={route === 'ios'}>
        <p class="muted">
          On iPhone and iPad: open this page in Safari, tap <strong>Share</strong>, then{' '}
          <strong>Add to Home Screen</strong>.
        </p>
      </Match>
      <Match when={route === 'mac-safari'}>
        <p class="muted">
          In Safari on a Mac: choose <strong>File › Add to Dock</strong>.
        </p>
      </Match>
      <Match when={route === 'firefox-android'}>
        <p class="muted">
          In Firefox for Android: open the menu <strong>⋮</strong>, then <strong>Add app to Home screen</strong>.
        </p>
      </Match>
      <Match when={route === 'firefox-desktop'}>
        <p class="muted">
          Firefox on a computer cannot install web apps. {IN_A_TAB} To have Tessera as an app of its own, open this page
          in Chrome, Edge or Safari.
        </p>
      </Match>
      <Match when={route === 'webkit-other'}>
        <p class="muted">This browser offers no way for a page to install itself. {IN_A_TAB}</p>
      </Match>
    </Switch>
  );
}
