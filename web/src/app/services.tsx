import { createContext, useContext, type ParentProps } from 'solid-js';
import type { AccountService } from '../services/account.ts';
import type { AutoBackupService } from '../services/auto-backup.ts';
import type { BrandIconsService } from '../services/brand-icons.ts';
import type { ClipboardService } from '../services/clipboard.ts';
import type { Ticker } from '../services/codes.ts';
import type { PasskeyService } from '../services/passkey.ts';
import type { RecoveryService } from '../services/recovery.ts';
import type { RestoreDrillService } from '../services/restore-drill.ts';
import type { SafetyService } from '../services/safety.ts';
import type { Session } from '../services/session.ts';
import type { SettingsService } from '../services/settings.ts';
import type { ThemeService } from '../services/theme.ts';
import type { ClockCheck } from '../services/sync/clock-check.ts';
import type { SyncEngine } from '../services/sync/engine.ts';
import type { Toasts } from '../services/toasts.ts';
import type { TransferService } from '../services/transfer.ts';
import type { TwoFactorService } from '../services/twofa.ts';
import type { QrClient } from '../services/qr-client.ts';
import type { VaultStore } from '../services/vault-store.ts';

// Screens reach services only through this context, so each screen is rendering alone and a
// test or another shell can provide different instances. main.tsx assembles them; the lint suite
// (biome.json) refuses a screen or component that builds a service or a worker client itself.
export interface Services {
  session: Session;
  settings: SettingsService;
  theme: ThemeService;
  clipboard: ClipboardService;
  ticker: Ticker;
  toasts: Toasts;
  sync: SyncEngine;
  account: AccountService;
  clock: ClockCheck;
  twoFactor: TwoFactorService;
  /** The transfer service for one visit to Import / Export; close() ends its worker, so nothing a
   *  file held outlives the visit. */
  openTransfer(store: VaultStore): { service: TransferService; close(): void };
  /** A QR code reader for one screen; its worker (and zxing) loads on the first picture. */
  openQrReader(): QrClient;
  recovery: RecoveryService;
  passkey: PasskeyService;
  brandIcons: BrandIconsService;
  backups: AutoBackupService;
  drill: RestoreDrillService;
  safety: SafetyService;
}

const ServicesContext = createContext<Services>();

export function ServicesProvider(props: ParentProps<{ services: Services }>) {
  return <ServicesContext.Provider value={props.services}>{props.children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

/** The open vault; only for screens rendered while unlocked. */
export function useVault() {
  const { session } = useServices();
  const store = session.store();
  if (!store) throw new Error('useVault while locked');
  return store;
}
