// First: the Trusted Types policy must exist before Solid builds a template or a worker starts.
import './trusted-types.ts';
import { render } from 'solid-js/web';
import './styles/base.css';
import './styles/gate.css';
import './styles/layout.css';
import './styles/list.css';
import './styles/detail.css';
import './styles/marked.css';
import { App } from './app/App.tsx';
import { ServicesProvider, type Services } from './app/services.tsx';
import './app/install.ts';
import { createAccountService } from './services/account.ts';
import { thisDeviceKind } from './services/account-device.ts';
import { createClipboard } from './services/clipboard.ts';
import { createTicker } from './services/codes.ts';
import { createCryptoClient } from './services/crypto-client.ts';
import { openDb } from './services/db.ts';
import { createAutoBackup } from './services/auto-backup.ts';
import brandIconsUrl from 'virtual:brand-icons';
import { createBrandIcons, fetchBrandIcons } from './services/brand-icons.ts';
import { createPasskeyUnlock } from './services/passkey.ts';
import { createRecovery } from './services/recovery.ts';
import { createRestoreDrill } from './services/restore-drill.ts';
import { createSafety } from './services/safety.ts';
import { startTrashRetention } from './services/trash.ts';
import { createSession } from './services/session.ts';
import { loadSettings } from './services/settings.ts';
import { createTheme } from './services/theme.ts';
import { api } from './services/sync/api.ts';
import { AccountError } from './services/account-keys.ts';
import { createQrClient } from './services/qr-client.ts';
import { createClockCheck } from './services/sync/clock-check.ts';
import { createSyncEngine } from './services/sync/engine.ts';
import { publishSyncStatus } from './services/sync/status-attributes.ts';
import { createToasts } from './services/toasts.ts';
import { createTransferClient } from './services/transfer-client.ts';
import { createTransferService, readVaultMeta } from './services/transfer.ts';
import { createTwoFactor } from './services/twofa.ts';

const root = document.getElementById('root')!;

/** localStorage, or null where reading it throws (storage turned off in some private modes). */
function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

async function start() {
  const db = openDb();
  const crypto = createCryptoClient();
  const [settings, session] = await Promise.all([loadSettings(db), createSession(db, crypto)]);
  const sync = createSyncEngine({ db, session, api });
  publishSyncStatus(sync.status);
  // Browser and OS family, sent with every sign-in for the devices list (docs/web-sync.md).
  const deviceKind = thisDeviceKind();
  const account = await createAccountService({
    db,
    crypto,
    session,
    api,
    engine: sync,
    storage: storageOrNull(),
    deviceKind,
  });
  const token = () => {
    const current = account.account()?.token;
    if (!current) throw new AccountError('signed-out', 'This device is not signed in to sync.');
    return current;
  };
  const [recovery, passkey] = await Promise.all([
    createRecovery({ db, crypto, session, api, engine: sync, deviceKind }),
    createPasskeyUnlock(db, crypto, session),
  ]);
  startTrashRetention(session, settings.settings);
  const ticker = createTicker();
  const backups = createAutoBackup(db, session, settings);
  const drill = createRestoreDrill({ backups, settings, session, openClient: createTransferClient, now: ticker.now });
  const services: Services = {
    session,
    settings,
    theme: createTheme(storageOrNull(), document.documentElement, window),
    clipboard: createClipboard(() => settings.settings.clipboardClearSeconds),
    ticker,
    toasts: createToasts(),
    sync,
    account,
    clock: createClockCheck(api, () => account.account() !== null),
    twoFactor: createTwoFactor({ token, api, crypto }),
    openTransfer(store) {
      const client = createTransferClient();
      return {
        service: createTransferService({ client, store, vaultMeta: readVaultMeta }),
        close: () => client.cancel(),
      };
    },
    openQrReader: createQrClient,
    recovery,
    passkey,
    brandIcons: createBrandIcons(
      () => settings.settings.brandIcons,
      () => fetchBrandIcons(brandIconsUrl),
    ),
    backups,
    drill,
    safety: createSafety({ sync, backups, drill, recovery, settings, now: ticker.now }),
  };
  // The icon set is read and indexed while the unlock screen waits for the password, not in the
  // first frame after it (measured: 30-40 ms of that frame's work). The mark is for tests/perf.
  if (session.phase() === 'locked')
    void services.brandIcons.prepare().then(() => performance.mark('tessera:brand-icons-ready'));
  root.replaceChildren();
  render(
    () => (
      <ServicesProvider services={services}>
        <App />
      </ServicesProvider>
    ),
    root,
  );
}

start().catch((error: unknown) => {
  // IndexedDB can be missing (some private modes) or blocked: say so instead of a blank page.
  const message = document.createElement('p');
  message.className = 'fatal';
  message.textContent = `Tessera cannot start: ${error instanceof Error ? error.message : String(error)}. It needs a browser with IndexedDB (private browsing may turn it off).`;
  root.replaceChildren(message);
});
