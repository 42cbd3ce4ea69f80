// What the sync engine tells the screens, and the words for it. Pure, so the wording of every
// state is tested without a browser.
import type { ApiFailureCode } from './api.ts';

export type SignedOutReason = 'session-ended' | 'account-deleted';

export type SyncState =
  | { kind: 'off' }
  | { kind: 'signed-out'; reason: SignedOutReason }
  | { kind: 'syncing' }
  | { kind: 'idle' }
  | { kind: 'offline' }
  /** Another device asked this one to erase itself (docs/web.md, "A lost device forgets"). */
  | { kind: 'erasing' }
  | { kind: 'error'; code: string; message: string; retryAt: number | null };

export interface SyncStatus {
  state: SyncState;
  /** Local changes the server has not acknowledged (the outbox). */
  waiting: number;
  /** Server copies that meet a local change and wait for the vault to be unlocked to merge. */
  toMerge: number;
  lastSyncedAt: number | null;
  /** Items the server returned older than already seen (kept newer, pushed back) since start. */
  rollbacks: number;
  /** Items the server said were removed for good, moved to Recently deleted instead, since start. */
  trashed: number;
  /** Server copies that did not open (damaged, swapped, another key), set aside, since start. */
  setAside: number;
  /** The server's seq this device holds the vault up to (its pull cursor). */
  cursor: number;
}

export type Tone = 'ok' | 'busy' | 'warn' | 'error';

export interface StatusText {
  tone: Tone;
  title: string;
  detail: string | null;
  action: 'sign-in' | 'retry' | null;
}

// Our words for the failures a person can act on; any other shows the error's own message.
const ADVICE: Partial<Record<ApiFailureCode, string>> = {
  'vault-full':
    'The account holds as many items as it can (20,000 items or 20,000 deleted items). Empty Recently deleted or remove items you no longer need.',
  'envelope-too-large': 'A record is too large to sync (over 64 KiB once encrypted). Shorten its notes.',
  'body-too-large': 'A record is too large to sync (over 64 KiB once encrypted). Shorten its notes.',
  'bad-response':
    'The server answered in a way this version of Tessera does not understand. Reload to update Tessera; if it persists, try again later.',
  'rate-limited': 'The server asked Tessera to slow down.',
  network: 'The server cannot be reached.',
  'server-unavailable': 'The sync server has a problem.',
  'internal-error': 'The sync server has a problem.',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

function waitingText(status: SyncStatus): string | null {
  const parts: string[] = [];
  if (status.waiting > 0) parts.push(`${plural(status.waiting, 'change')} waiting to sync`);
  if (status.toMerge > 0) parts.push(`${plural(status.toMerge, 'item')} to merge when unlocked`);
  return parts.length > 0 ? parts.join(', ') : null;
}

export function describeStatus(status: SyncStatus, now: number): StatusText {
  const waiting = waitingText(status);
  const state = status.state;
  switch (state.kind) {
    case 'off':
      return { tone: 'ok', title: 'Sync is off', detail: 'This vault is only on this device.', action: null };
    case 'signed-out':
      return state.reason === 'account-deleted'
        ? {
            tone: 'warn',
            title: 'The sync account was deleted',
            detail: 'Your vault is still on this device. Turn sync on again to use another account.',
            action: null,
          }
        : {
            tone: 'warn',
            title: 'Sign in to keep syncing',
            detail: `This device was signed out (the session was ended or the password changed on another device).${waiting ? ` ${waiting}: they are kept and sent after you sign in.` : ' Nothing on this device is lost.'}`,
            action: 'sign-in',
          };
    case 'syncing':
      return { tone: 'busy', title: 'Syncing…', detail: waiting, action: null };
    case 'erasing':
      return {
        tone: 'warn',
        title: 'Erasing this device',
        detail: 'This device was signed out and erased from another device. Its vault is being removed.',
        action: null,
      };
    case 'offline':
      return {
        tone: 'warn',
        title: 'Offline',
        detail: waiting
          ? `${waiting}: they are sent when the connection returns.`
          : 'Codes work offline; changes sync when the connection returns.',
        action: null,
      };
    case 'error': {
      const retry =
        state.retryAt !== null && state.retryAt > now
          ? ` Trying again in ${Math.max(1, Math.round((state.retryAt - now) / 1000))} s.`
          : '';
      const advice =
        (Object.hasOwn(ADVICE, state.code) ? ADVICE[state.code as ApiFailureCode] : undefined) ?? state.message;
      return {
        tone: 'error',
        title: 'Sync problem',
        detail: `${advice}${retry}${waiting ? ` ${waiting}.` : ''}`,
        action: 'retry',
      };
    }
    case 'idle':
      if (waiting)
        return {
          tone: 'warn',
          title: waiting.charAt(0).toUpperCase() + waiting.slice(1),
          detail: status.lastSyncedAt ? `Last synced at ${clockTime(status.lastSyncedAt)}.` : null,
          action: null,
        };
      return {
        tone: 'ok',
        title: status.lastSyncedAt ? `Synced at ${clockTime(status.lastSyncedAt)}` : 'Synced',
        detail: null,
        action: null,
      };
  }
}
