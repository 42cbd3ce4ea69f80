import { createResource, For, Show } from 'solid-js';
import { useServices, useVault } from '../app/services.tsx';
import { navigate } from '../app/router.ts';
import { openKeyHelp } from '../app/keyboard.ts';
import { Icon } from '../components/icons.tsx';
import { InstallHelp } from '../components/InstallHelp.tsx';
import { isQuarantineReason, type QuarantineReason } from '../services/vault-errors.ts';
import {
  CLIPBOARD_CHOICES,
  HIDDEN_CHOICES,
  IDLE_CHOICES,
  RETENTION_CHOICES,
  type Settings as SettingValues,
} from '../services/settings.ts';
import { BackBar } from './RecordDetail.tsx';
import { ClockSettingsGroup, SyncSettingsGroup } from './account/SettingsGroups.tsx';
import { StorageSettingsGroup } from './StorageSettingsGroup.tsx';
import { PasskeySettings } from './passkey/PasskeySettings.tsx';
import { RecoverySettings } from './recovery/RecoverySettings.tsx';
import { BackupSettings } from './backup/BackupSettings.tsx';
import { SafetyPanel } from './SafetyPanel.tsx';
import { ChangePassword } from './account/ChangePassword.tsx';
import type { ThemeChoice } from '../services/theme.ts';

const THEMES: readonly (readonly [ThemeChoice, string])[] = [
  ['system', 'System'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

// Every reason an item can be set aside for has words (the compiler checks the list is whole).
const REASONS: Record<QuarantineReason, string> = {
  'corrupt-item': 'failed its integrity check (changed or damaged)',
  'does-not-authenticate': 'failed its integrity check (changed or damaged)',
  'bad-padding': 'failed its integrity check (changed or damaged)',
  malformed: 'is damaged (not an encrypted item)',
  'invalid-input': 'is damaged (not an encrypted item)',
  'invalid-encoding': 'is damaged (not an encrypted item)',
  'unsupported-version': 'was written by a newer version of Tessera',
  'record-invalid': 'holds a record Tessera cannot read (a newer version may have written it)',
  'record-id-mismatch': 'belongs to another record',
  'not-hotp': 'holds a record Tessera cannot read',
  'kdf-params': 'could not be opened with this vault’s key',
  'kdf-failed': 'could not be opened with this vault’s key',
  'wrong-password': 'could not be opened with this vault’s key',
  'corrupt-vault-key': 'could not be opened with this vault’s key',
};

/** Rows set aside by older versions may carry any code: those show it as it is. */
const reasonText = (reason: string) => (isQuarantineReason(reason) ? REASONS[reason] : reason);

function minutesLabel(n: number, zero: string, negative = 'Never'): string {
  if (n < 0) return negative;
  if (n === 0) return zero;
  return n === 60 ? '1 hour' : n === 1 ? '1 minute' : `${n} minutes`;
}

export function Settings() {
  const { settings, session, clipboard, theme, account } = useServices();
  // A vault that never synced changes its password here; a synced one too (the account changes
  // with it), but not while signed out, when the account would keep the old one.
  const canChangePassword = () => {
    const row = account.account();
    return !row || row.token !== null || row.signedOutReason === 'account-deleted';
  };
  const vault = useVault();
  const [canClear] = createResource(() => clipboard.canClear());
  const deletedCount = () => vault.records().filter((r) => r.deleted).length;
  const numberSelect = <
    K extends 'idleLockMinutes' | 'hiddenLockMinutes' | 'clipboardClearSeconds' | 'trashRetentionDays',
  >(
    key: K,
    id: string,
    choices: readonly number[],
    label: (n: number) => string,
  ) => (
    <select
      id={id}
      value={String(settings.settings[key])}
      onChange={(e) => void settings.set(key, Number(e.currentTarget.value) as SettingValues[K])}
    >
      <For each={choices}>{(n) => <option value={String(n)}>{label(n)}</option>}</For>
    </select>
  );
  return (
    <section class="detail" aria-labelledby="settings-title">
      <BackBar title="Settings" />
      <div class="detail-body settings">
        <h1 id="settings-title" class="visually-hidden" tabIndex={-1}>
          Settings
        </h1>
        <SafetyPanel />

        <div class="settings-group">
          <h2>Security</h2>
          <div class="setting">
            <label for="idle-lock">Lock after inactivity</label>
            {numberSelect('idleLockMinutes', 'idle-lock', IDLE_CHOICES, (n) => minutesLabel(n, 'Never'))}
          </div>
          <div class="setting">
            <label for="hidden-lock">Lock when in the background for</label>
            {numberSelect('hiddenLockMinutes', 'hidden-lock', HIDDEN_CHOICES, (n) => minutesLabel(n, 'Immediately'))}
          </div>
          <Show
            when={canClear() !== false}
            fallback={
              <p class="muted">
                This browser does not let Tessera read the clipboard back, so a copied code stays there until you copy
                something else. Copy some other text when you are done with a code.
              </p>
            }
          >
            <div class="setting">
              <label for="clipboard-clear">Clear copied codes after</label>
              {numberSelect('clipboardClearSeconds', 'clipboard-clear', CLIPBOARD_CHOICES, (n) =>
                n === 0 ? 'Never' : `${n} seconds`,
              )}
            </div>
            <p class="muted">The clipboard is cleared only if it still holds what Tessera copied.</p>
          </Show>
          <button type="button" class="button" onClick={() => session.lock()}>
            <Icon name="lock" /> Lock now
          </button>
        </div>

        <Show when={canChangePassword()}>
          <ChangePassword />
        </Show>

        <PasskeySettings />

        <RecoverySettings />

        <BackupSettings />

        <SyncSettingsGroup />

        <div class="settings-group">
          <h2>Items</h2>
          <button type="button" class="button" onClick={() => navigate({ name: 'deleted' })}>
            <Icon name="trash" /> Recently deleted ({deletedCount()})
          </button>
          <div class="setting">
            <label for="trash-retention">Delete forever from Recently deleted after</label>
            {numberSelect('trashRetentionDays', 'trash-retention', RETENTION_CHOICES, (n) =>
              n === 0 ? 'Never' : n === 365 ? '1 year' : `${n} days`,
            )}
          </div>
          <p class="muted">
            On every device and on the sync server. With several devices, the shortest period set on any of them
            applies.
          </p>
          <button type="button" class="button" onClick={() => navigate({ name: 'transfer', path: [] })}>
            <Icon name="download" /> Import / Export
          </button>
          <h3>Items that could not be opened</h3>
          <Show
            when={vault.quarantined().length > 0}
            fallback={<p class="muted">None: every item in this vault opens.</p>}
          >
            <p class="muted">
              These items failed their integrity check. They are kept aside unchanged and never deleted; the rest of the
              vault is not affected.
            </p>
            <ul class="quarantine-list">
              <For each={vault.quarantined()}>
                {(item) => (
                  <li>
                    <span class="mono">{item.id}</span>
                    <span>
                      {item.fromServer ? "The server's copy " : ''}
                      {reasonText(item.reason)}
                      {item.fromServer ? '; this device kept its own copy' : ''} · set aside{' '}
                      {new Date(item.at).toLocaleString()}
                    </span>
                    <button type="button" class="button" onClick={() => void vault.retryQuarantined(item.key)}>
                      Try again
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>

        <StorageSettingsGroup />

        <ClockSettingsGroup />

        <div class="settings-group">
          <h2>Appearance</h2>
          <fieldset class="theme-choice">
            <legend>Theme</legend>
            <div class="segmented">
              <For each={THEMES}>
                {([value, label]) => (
                  <label>
                    <input
                      type="radio"
                      name="theme"
                      value={value}
                      checked={theme.choice() === value}
                      onChange={() => theme.set(value)}
                    />
                    <span>{label}</span>
                  </label>
                )}
              </For>
            </div>
          </fieldset>
          <p class="muted">
            {theme.choice() === 'system'
              ? 'Light or dark as your system is set.'
              : `Always ${theme.choice()} on this device, whatever the system setting.`}
          </p>
          <label class="check">
            <input
              type="checkbox"
              checked={settings.settings.brandIcons}
              onChange={(e) => void settings.set('brandIcons', e.currentTarget.checked)}
            />
            Show brand icons
          </label>
          <p class="muted">
            Known brands (GitHub, Google, …) show their icon from Simple Icons instead of a letter. The whole icon set
            (about 2 MB) is downloaded once from this app’s own server, so the download says nothing about which
            accounts you have.
          </p>
        </div>

        <div class="settings-group">
          <h2>Install</h2>
          <InstallHelp />
        </div>

        <div class="settings-group">
          <h2>About</h2>
          <p>Tessera {__APP_VERSION__} · codes are generated on this device and work offline.</p>
          <button type="button" class="button" onClick={openKeyHelp}>
            Keyboard shortcuts
          </button>
        </div>
      </div>
    </section>
  );
}
