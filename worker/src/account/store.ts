import { fromBase64url } from '@tessera/core/crypto/bytes';
import type { KdfParams } from '@tessera/core/crypto/kdf';
import type { DeviceKind, SecondFactorMethod } from '@tessera/core/sync/protocol';
import type { CodeChannel, EnrollableMethod, TwoFactorStatus } from '@tessera/core/sync/two-factor';
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.ts';
import { errorResponse, type Outcome, refuse } from '../http/errors.ts';
import {
  type AccountRow,
  type Credentials,
  createAccount,
  type NewAccount,
  readAccount,
  recoveryMatches,
  replaceCredentials,
  replaceRecovery,
  verifierMatches,
} from './credentials.ts';
import {
  type ItemChange,
  type ItemPurge,
  type PullResult,
  pullChanges,
  purgeItems,
  pushChanges,
  type StoredItem,
} from './items.ts';
import { redeemCode, startRegistration } from './registration.ts';
import { hasSchema, migrate } from './schema.ts';
import { confirmErasure, listErasures, pendingErasure, requestErasure } from './erasures.ts';
import { type NewAttempt, openAttempt } from './attempts.ts';
import {
  confirmEnrolment,
  disableMethod,
  type EnrolmentProof,
  regenerateRecoveryCodes,
  startAuthenticator,
  startCodeEnrolment,
} from './enrol.ts';
import { enabledMethods, methodRow, twoFactorStatus } from './second-factor.ts';
import { ATTEMPT_INVALID, type FactorProof, type Judged, sendSignInCode, verifySecondFactor } from './signin-factor.ts';
import {
  authenticate,
  createSession,
  deleteSession,
  deleteSessionsExcept,
  listSessions,
  type NewSession,
  setSessionKind,
  type SessionRow,
} from './sessions.ts';
import {
  acceptDeviceSocket,
  answerDeviceMessage,
  CLOSE,
  closeAllSockets,
  closeSessionSockets,
  PING,
  PONG,
  pokeOthers,
  tellErase,
} from './sockets.ts';
import { clearFailures, recordFailure, waitBeforeAttempt } from './throttle.ts';

// Bytes as stored (ArrayBuffer) or as just received (Uint8Array, at registration).
export interface VaultKeysRow {
  vaultId: string;
  salt: ArrayBuffer | Uint8Array;
  kdf: KdfParams;
  wrappedVaultKey: ArrayBuffer | Uint8Array;
  recovery: { slot: ArrayBuffer | Uint8Array; createdAt: number } | null;
}

export type SignInGrant =
  | { kind: 'session'; session: { id: string; expiresAt: number }; vault: VaultKeysRow }
  | {
      kind: 'second-factor';
      methods: SecondFactorMethod[];
      attemptId: string;
      expiresAt: number;
      /** Where codes go, unmasked: only for the route to mask (routes/bodies.ts). */
      reach: { email: string; phone: string | null };
    };

export interface AccountView {
  email: string;
  createdAt: number;
  passwordChangedAt: number;
  vault: VaultKeysRow;
  itemCount: number;
  seq: number;
  methods: SecondFactorMethod[];
}

export interface SessionList {
  sessions: (SessionRow & { current: boolean; eraseRequestedAt: number | null })[];
  erasures: { sessionId: string; deviceName: string; requestedAt: number; erasedAt: number | null }[];
}

export interface SecondFactorSession {
  grant: SignInGrant;
  email: string;
  deviceName: string;
  recoveryCodesLeft: number | null;
  // The sign-in completed a reset with the recovery key: the password changed.
  reset: boolean;
}

// A signed-in call's caller: the session its token names, the account, and the time of the call.
interface Caller {
  session: SessionRow;
  account: AccountRow;
  now: number;
}

// What a change to the methods leaves, and where its notice goes.
export interface TwoFactorChange {
  status: TwoFactorStatus;
  email: string;
}

export interface PushOutcome {
  applied: { id: string; seq: number }[];
  conflicts: { id: string; current: StoredItem | null }[];
}

// An object that holds no account (an unknown email's prelogin, an abandoned registration, a
// made-up token) erases itself once nothing in it can matter any more: throttle counters are
// forgotten after a day, so a day and a minute after its last write.
const FORGET_EMPTY_AFTER_MS = (24 * 60 + 1) * 60 * 1000;

const SESSION_INVALID = refuse('session-invalid', 'This session has ended or never existed: sign in again');
const WRONG_PASSWORD = refuse('credentials-invalid', 'Wrong email or password');
const ERASE_REQUESTED = refuse(
  'erase-requested',
  'This device was signed out from another device and must erase Tessera: confirm, then erase',
);
const CODE_EXPIRED = refuse('code-expired', 'No valid code is pending for this email: ask for a new one');
const WRONG_RECOVERY_KEY = refuse('credentials-invalid', 'Wrong email or recovery key');

function keysOf(account: VaultKeysRow): VaultKeysRow {
  return {
    vaultId: account.vaultId,
    salt: account.salt,
    kdf: account.kdf,
    wrappedVaultKey: account.wrappedVaultKey,
    recovery: account.recovery === null ? null : { slot: account.recovery.slot, createdAt: account.recovery.createdAt },
  };
}

function recoveryTooSoon(wait: number) {
  return refuse('rate-limited', `Too many wrong recovery keys for this account: try again in ${wait} s`, wait);
}

function tooSoon(wait: number) {
  return refuse('rate-limited', `Too many wrong passwords for this account: try again in ${wait} s`, wait);
}

// One per account (docs/api.md, "Storage"): the single writer of the account's credentials,
// sessions and vault items, reached through RPC from the worker. Every method runs its SQL
// synchronously, so each one is atomic with respect to every other request to this account.
export class AccountStore extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  // False after the account was deleted: storage is empty until the next call recreates the schema.
  private schemaReady = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    // Answered by the runtime without waking a hibernated object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    // An object that holds data is brought up to the current schema before any call; a new one
    // gets its tables at its first write, so a read such as prelogin leaves no trace in it.
    void ctx.blockConcurrencyWhile(async () => {
      if (hasSchema(this.sql)) this.ready();
    });
  }

  private ready(): void {
    if (this.schemaReady) return;
    migrate(this.ctx.storage);
    this.schemaReady = true;
  }

  private forgetIfEmpty(now: number): void {
    if (readAccount(this.sql) === null) void this.ctx.storage.setAlarm(now + FORGET_EMPTY_AFTER_MS);
  }

  // Who is calling: the live session a token names, with its account (a session lives only inside
  // an account, so both are there or neither), or null.
  private caller(tokenHash: Uint8Array, now: number): Caller | null {
    this.ready();
    const session = authenticate(this.sql, tokenHash, now);
    const account = session === null ? null : readAccount(this.sql);
    if (session === null || account === null) {
      this.forgetIfEmpty(now);
      return null;
    }
    return { session, account, now };
  }

  // The session guard of every signed-in call: `run` gets the caller, or the call is refused.
  // A device asked to erase itself gets nothing more than that answer until it confirms.
  private signedIn<T>(tokenHash: Uint8Array, run: (caller: Caller) => Outcome<T>): Outcome<T> {
    const caller = this.caller(tokenHash, Date.now());
    if (caller === null) return SESSION_INVALID;
    if (pendingErasure(this.sql, caller.session.id) !== null) return ERASE_REQUESTED;
    return run(caller);
  }

  // ...and for what changes how the account is entered, the password proven again as well.
  private signedInWithPassword<T>(
    tokenHash: Uint8Array,
    verifier: Uint8Array,
    run: (caller: Caller) => Outcome<T>,
  ): Outcome<T> {
    return this.signedIn(tokenHash, (caller) => {
      const proven = this.provePassword(caller, verifier);
      return proven.ok ? run(caller) : proven;
    });
  }

  private isLive(sessionId: string, now: number): boolean {
    return this.sql.exec('SELECT 1 FROM sessions WHERE id = ? AND expires_at > ?', sessionId, now).toArray().length > 0;
  }

  override async alarm(): Promise<void> {
    this.ready();
    if (readAccount(this.sql) !== null) return;
    await this.ctx.storage.deleteAll();
    this.schemaReady = false;
  }

  // ---- auth ----

  // Reads only, for a known and an unknown email alike: an object that was never written stays
  // empty (no table, no alarm), so prelogin costs no storage write either way.
  prelogin(): { salt: ArrayBuffer; kdf: KdfParams } | null {
    if (!hasSchema(this.sql)) return null;
    this.ready();
    const account = readAccount(this.sql);
    return account === null ? null : { salt: account.salt, kdf: account.kdf };
  }

  // 'code': the caller mails the code whose hash was stored; 'exists': the address has an account,
  // so the caller mails a notice instead. The code is stored either way (for an account it is
  // never sent to anyone), so finishing answers a known and an unknown address through the same
  // steps, with the same tries left.
  startRegistration(codeHash: Uint8Array): Outcome<'code' | 'exists'> {
    this.ready();
    const now = Date.now();
    const exists = readAccount(this.sql) !== null;
    const started = startRegistration(this.sql, codeHash, now);
    if (!started.ok) return started;
    this.forgetIfEmpty(now);
    return { ok: true, value: exists ? 'exists' : 'code' };
  }

  finishRegistration(codeHash: Uint8Array, account: NewAccount, session: NewSession): Outcome<SignInGrant> {
    this.ready();
    const now = Date.now();
    const redeemed = redeemCode(this.sql, codeHash, now);
    if (!redeemed.ok) return redeemed;
    // Only a code nobody was sent can match here (1 in a million, 5 tries): refused like a spent one.
    if (readAccount(this.sql) !== null) return CODE_EXPIRED;
    const created = this.ctx.storage.transactionSync(() => {
      createAccount(this.sql, account, now);
      return createSession(this.sql, session, now);
    });
    void this.ctx.storage.deleteAlarm();
    return {
      ok: true,
      value: {
        kind: 'session',
        session: created,
        vault: keysOf({ ...account, recovery: account.recovery && { ...account.recovery, createdAt: now } }),
      },
    };
  }

  // The worker makes both a session token and an attempt id; the answer uses one of them.
  signIn(verifier: Uint8Array, session: NewSession, attempt: NewAttempt): Outcome<SignInGrant> {
    this.ready();
    const now = Date.now();
    const wait = waitBeforeAttempt(this.sql, 'password', now);
    if (wait > 0) return tooSoon(wait);
    const account = readAccount(this.sql);
    // An unknown email counts failures exactly like a known one, so the throttle's answers do
    // not tell which addresses have accounts.
    if (account === null || !verifierMatches(account, verifier)) {
      recordFailure(this.sql, 'password', now);
      if (account === null) this.forgetIfEmpty(now);
      return WRONG_PASSWORD;
    }
    clearFailures(this.sql, 'password');
    const methods = enabledMethods(this.sql);
    if (methods.length > 0) {
      return {
        ok: true,
        value: {
          kind: 'second-factor',
          methods,
          reach: { email: account.email, phone: methodRow(this.sql, 'sms')?.phone ?? null },
          ...openAttempt(this.sql, attempt, session, now),
        },
      };
    }
    return {
      ok: true,
      value: { kind: 'session', session: createSession(this.sql, session, now), vault: keysOf(account) },
    };
  }

  // ---- the second step of sign-in (docs/api.md, "Signing in with a second factor") ----

  sendSignInCode(
    attemptHash: Uint8Array,
    method: CodeChannel,
    codeHash: Uint8Array,
  ): Outcome<{ to: string; expiresAt: number }> {
    this.ready();
    const now = Date.now();
    const account = readAccount(this.sql);
    if (account === null) {
      this.forgetIfEmpty(now);
      return ATTEMPT_INVALID;
    }
    return sendSignInCode(this.sql, account.email, attemptHash, method, codeHash, now);
  }

  // One transaction: the failure counts of a wrong code are kept, and a right code's effects
  // (attempt spent, step or recovery code used) land together with the new session or not at all.
  completeSignIn(
    attemptHash: Uint8Array,
    proof: FactorProof,
    session: Omit<NewSession, 'deviceName' | 'deviceKind'>,
  ): Judged<SecondFactorSession> & { email: string | null } {
    this.ready();
    const now = Date.now();
    const account = readAccount(this.sql);
    if (account === null) {
      this.forgetIfEmpty(now);
      return { outcome: ATTEMPT_INVALID, alert: false, email: null };
    }
    return this.ctx.storage.transactionSync(() => {
      const judged = verifySecondFactor(this.sql, attemptHash, proof, now);
      if (!judged.outcome.ok) return { outcome: judged.outcome, alert: judged.alert, email: account.email };
      const { deviceName, deviceKind, recoveryCodesLeft, reset } = judged.outcome.value;
      // A reset with the recovery key waited for this second factor: the new password applies now.
      const keys = reset === null ? account : this.applyReset(account, reset, now);
      const created = createSession(this.sql, { ...session, deviceName, deviceKind }, now);
      const grant: SignInGrant = { kind: 'session', session: created, vault: keysOf(keys) };
      return {
        outcome: {
          ok: true,
          value: { grant, email: account.email, deviceName, recoveryCodesLeft, reset: reset !== null },
        },
        alert: false,
        email: account.email,
      };
    });
  }

  // ---- the recovery key (docs/api.md, "Recovery key") ----

  // A forgotten password: the recovery key's proof (SHA-256 of recoveryAuthKey, compared in
  // constant time) replaces the password's material, as a password change does, but with no
  // session. With two-factor sign-in on, nothing changes yet: the new material waits in a
  // sign-in attempt that only a right second factor (or recovery code) completes.
  recover(
    recoveryVerifier: Uint8Array,
    next: Credentials,
    session: NewSession,
    attempt: NewAttempt,
  ): Outcome<SignInGrant & { email?: string }> {
    this.ready();
    const now = Date.now();
    const wait = waitBeforeAttempt(this.sql, 'recovery', now);
    if (wait > 0) return recoveryTooSoon(wait);
    const account = readAccount(this.sql);
    // An unknown email, an account with no recovery key and a wrong key get the same answer and
    // count alike, so the answers do not tell who has an account or a recovery key.
    if (!recoveryMatches(account, recoveryVerifier) || account === null) {
      recordFailure(this.sql, 'recovery', now);
      if (account === null) this.forgetIfEmpty(now);
      return WRONG_RECOVERY_KEY;
    }
    clearFailures(this.sql, 'recovery');
    const methods = enabledMethods(this.sql);
    if (methods.length > 0) {
      return {
        ok: true,
        value: {
          kind: 'second-factor',
          methods,
          reach: { email: account.email, phone: methodRow(this.sql, 'sms')?.phone ?? null },
          ...openAttempt(this.sql, attempt, session, now, next),
        },
      };
    }
    const grant = this.ctx.storage.transactionSync(() => {
      const keys = this.applyReset(account, next, now);
      return { kind: 'session' as const, session: createSession(this.sql, session, now), vault: keysOf(keys) };
    });
    return { ok: true, value: { ...grant, email: account.email } };
  }

  // The new password's material replaces the old, and every session, sign-in attempt and run of
  // wrong passwords or codes ends, as after a password change: whoever held the old password or
  // a token from before holds nothing now. Runs inside the caller's transaction.
  private applyReset(account: AccountRow, next: Credentials, now: number): VaultKeysRow {
    replaceCredentials(this.sql, next, now);
    this.sql.exec('DELETE FROM signin_attempts');
    clearFailures(this.sql, 'code');
    clearFailures(this.sql, 'password');
    const ended = this.sql.exec<{ id: string }>('DELETE FROM sessions RETURNING id').toArray();
    for (const { id } of ended) closeSessionSockets(this.ctx, id, CLOSE.sessionEnded, 'password reset');
    return {
      vaultId: account.vaultId,
      salt: next.salt,
      kdf: next.kdf,
      wrappedVaultKey: next.wrappedVaultKey,
      recovery: account.recovery,
    };
  }

  // A new recovery key for the account: the password proven again; the old verifier and slot
  // are replaced, so the old key resets nothing any more and devices take the new slot.
  setRecovery(
    tokenHash: Uint8Array,
    verifier: Uint8Array,
    recovery: { slot: Uint8Array; verifier: Uint8Array },
  ): Outcome<{ slot: Uint8Array; createdAt: number }> {
    return this.signedInWithPassword(tokenHash, verifier, ({ now }) => {
      replaceRecovery(this.sql, recovery, now);
      return { ok: true, value: { slot: recovery.slot, createdAt: now } };
    });
  }

  // The password proof asked again of a signed-in caller, throttled like sign-in.
  private provePassword({ account, now }: Caller, verifier: Uint8Array): Outcome<void> {
    const wait = waitBeforeAttempt(this.sql, 'password', now);
    if (wait > 0) return tooSoon(wait);
    if (!verifierMatches(account, verifier)) {
      recordFailure(this.sql, 'password', now);
      return WRONG_PASSWORD;
    }
    clearFailures(this.sql, 'password');
    return { ok: true, value: undefined };
  }

  // ---- sessions ----

  listSessions(tokenHash: Uint8Array): Outcome<SessionList> {
    return this.signedIn(tokenHash, ({ session, now }) => {
      const sessions = listSessions(this.sql, now);
      const live = new Set(sessions.map((s) => s.id));
      const erasures = listErasures(this.sql);
      const asked = new Map(erasures.filter((e) => e.erasedAt === null).map((e) => [e.sessionId, e.requestedAt]));
      return {
        ok: true,
        value: {
          sessions: sessions.map((s) => ({
            ...s,
            current: s.id === session.id,
            eraseRequestedAt: asked.get(s.id) ?? null,
          })),
          erasures: erasures.filter((e) => !live.has(e.sessionId)),
        },
      };
    });
  }

  // "Sign out and erase" (docs/api.md, "Erasing a device"): behind the password proof, so a
  // stolen session token cannot wipe the user's other devices. The target keeps its session only
  // to hear it: told now over its sockets, or answered 410 at its next call.
  requestErase(tokenHash: Uint8Array, verifier: Uint8Array, sessionId: string): Outcome<{ requestedAt: number }> {
    return this.signedInWithPassword(tokenHash, verifier, ({ session, now }) => {
      if (sessionId === session.id)
        return refuse('session-is-current', 'This is the device asking: sign out of it and remove its vault instead');
      const target = listSessions(this.sql, now).find((s) => s.id === sessionId);
      if (target === undefined) return refuse('session-not-found', 'This account has no session with that id');
      const requestedAt = requestErasure(this.sql, sessionId, target.deviceName, now);
      tellErase(this.ctx, sessionId);
      return { ok: true, value: { requestedAt } };
    });
  }

  // The erased device confirms before it wipes itself: its session ends and the list says when.
  // Only its own token can say so; anything else it asks is refused (signedIn above).
  confirmErased(tokenHash: Uint8Array): Outcome<{ erasedAt: number }> {
    const caller = this.caller(tokenHash, Date.now());
    if (caller === null) return SESSION_INVALID;
    if (pendingErasure(this.sql, caller.session.id) === null)
      return refuse('session-not-found', 'No erase was asked of this device');
    confirmErasure(this.sql, caller.session.id, caller.now);
    deleteSession(this.sql, caller.session.id);
    closeSessionSockets(this.ctx, caller.session.id, CLOSE.sessionEnded, 'erased');
    return { ok: true, value: { erasedAt: caller.now } };
  }

  revokeSession(tokenHash: Uint8Array, sessionId: string): Outcome<{ current: boolean }> {
    return this.signedIn(tokenHash, ({ session }) => {
      if (!deleteSession(this.sql, sessionId))
        return refuse('session-not-found', 'This account has no session with that id');
      closeSessionSockets(this.ctx, sessionId, CLOSE.sessionEnded, 'session revoked');
      return { ok: true, value: { current: sessionId === session.id } };
    });
  }

  signOut(tokenHash: Uint8Array): Outcome<void> {
    return this.signedIn(tokenHash, ({ session }) => {
      deleteSession(this.sql, session.id);
      closeSessionSockets(this.ctx, session.id, CLOSE.sessionEnded, 'signed out');
      return { ok: true, value: undefined };
    });
  }

  // ---- account ----

  account(tokenHash: Uint8Array): Outcome<AccountView> {
    return this.signedIn(tokenHash, ({ account }) => ({
      ok: true,
      value: {
        email: account.email,
        createdAt: account.createdAt,
        passwordChangedAt: account.passwordChangedAt,
        vault: keysOf(account),
        itemCount: account.itemCount,
        seq: account.seq,
        methods: enabledMethods(this.sql),
      },
    }));
  }

  // Every other session ends: a token taken before the change must not outlive it.
  changePassword(
    tokenHash: Uint8Array,
    verifier: Uint8Array,
    next: Credentials,
    deviceKind: DeviceKind | null = null,
  ): Outcome<{ endedSessions: number }> {
    return this.signedInWithPassword(tokenHash, verifier, ({ session, now }) => {
      const ended = this.ctx.storage.transactionSync(() => {
        replaceCredentials(this.sql, next, now);
        // The device proved the password again: its session says what it is now ({} says nothing).
        if (deviceKind?.browser !== undefined || deviceKind?.os !== undefined)
          setSessionKind(this.sql, session.id, deviceKind);
        // Sign-ins waiting for a second factor were opened with the old password; and a run of
        // wrong codes by someone who knew it no longer delays the owner.
        this.sql.exec('DELETE FROM signin_attempts');
        clearFailures(this.sql, 'code');
        return deleteSessionsExcept(this.sql, session.id);
      });
      for (const id of ended) closeSessionSockets(this.ctx, id, CLOSE.sessionEnded, 'password changed');
      return { ok: true, value: { endedSessions: ended.length } };
    });
  }

  // Every byte: deleteAll drops the SQLite database (tables included) and the alarm goes first,
  // since deleteAll leaves alarms in place.
  async deleteAccount(tokenHash: Uint8Array, verifier: Uint8Array): Promise<Outcome<void>> {
    const proven = this.signedInWithPassword(tokenHash, verifier, () => ({ ok: true, value: undefined }));
    if (!proven.ok) return proven;
    closeAllSockets(this.ctx, CLOSE.accountDeleted, 'account deleted');
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.schemaReady = false;
    return { ok: true, value: undefined };
  }

  // ---- two-factor methods (docs/api.md, "Turning a method on") ----

  private changed(account: AccountRow): TwoFactorChange {
    return { status: twoFactorStatus(this.sql, account.email), email: account.email };
  }

  twoFactorStatus(tokenHash: Uint8Array): Outcome<TwoFactorStatus> {
    return this.signedIn(tokenHash, ({ account }) => ({ ok: true, value: twoFactorStatus(this.sql, account.email) }));
  }

  // The email is the label the authenticator app shows next to the code.
  startAuthenticator(tokenHash: Uint8Array, sealedSecret: Uint8Array): Outcome<{ email: string }> {
    return this.signedIn(tokenHash, ({ account, now }) => {
      const started = startAuthenticator(this.sql, sealedSecret, now);
      return started.ok ? { ok: true, value: { email: account.email } } : started;
    });
  }

  // Email codes go to the account's address, text messages to the number being confirmed.
  startCodeEnrolment(
    tokenHash: Uint8Array,
    method: CodeChannel,
    codeHash: Uint8Array,
    phone: string | null,
  ): Outcome<{ to: string; expiresAt: number }> {
    return this.signedIn(tokenHash, ({ account, now }) => {
      const started = startCodeEnrolment(this.sql, method, codeHash, phone, now);
      if (!started.ok) return started;
      return {
        ok: true,
        value: { to: method === 'sms' && phone !== null ? phone : account.email, expiresAt: started.value.expiresAt },
      };
    });
  }

  // The password is proven before the code is judged: a stolen session cannot turn on a factor of
  // its choice, nor receive the recovery codes the first method brings.
  confirmEnrolment(
    tokenHash: Uint8Array,
    verifier: Uint8Array,
    proof: EnrolmentProof,
    recoveryHashes: Uint8Array[],
  ): Outcome<TwoFactorChange & { recoveryIssued: boolean }> {
    return this.signedInWithPassword(tokenHash, verifier, ({ account, now }) => {
      const confirmed = confirmEnrolment(this.ctx.storage, proof, recoveryHashes, now);
      if (!confirmed.ok) return confirmed;
      return { ok: true, value: { ...this.changed(account), recoveryIssued: confirmed.value.recoveryIssued } };
    });
  }

  // Turning a method off asks for the password again (like a password change), so a stolen
  // session cannot weaken the account.
  disableMethod(
    tokenHash: Uint8Array,
    verifier: Uint8Array,
    method: EnrollableMethod,
  ): Outcome<TwoFactorChange & { wasOn: boolean }> {
    return this.signedInWithPassword(tokenHash, verifier, ({ account }) => {
      const disabled = disableMethod(this.ctx.storage, method);
      if (!disabled.ok) return disabled;
      return { ok: true, value: { ...this.changed(account), wasOn: disabled.value.wasOn } };
    });
  }

  regenerateRecoveryCodes(tokenHash: Uint8Array, verifier: Uint8Array, hashes: Uint8Array[]): Outcome<TwoFactorChange> {
    return this.signedInWithPassword(tokenHash, verifier, ({ account, now }) => {
      const regenerated = regenerateRecoveryCodes(this.ctx.storage, hashes, now);
      return regenerated.ok ? { ok: true, value: this.changed(account) } : regenerated;
    });
  }

  // ---- vault ----

  pull(tokenHash: Uint8Array, since: number, limit: number): Outcome<PullResult> {
    return this.signedIn(tokenHash, () => pullChanges(this.sql, since, limit));
  }

  push(tokenHash: Uint8Array, changes: ItemChange[]): Outcome<PushOutcome> {
    return this.signedIn(tokenHash, ({ session, now }) => {
      const pushed = pushChanges(this.ctx.storage, changes);
      if (!pushed.ok) return pushed;
      const { applied, conflicts, seq, wrote } = pushed.value;
      if (wrote) pokeOthers(this.ctx, session.id, seq, (id) => this.isLive(id, now));
      return { ok: true, value: { applied, conflicts } };
    });
  }

  // Removes items for good on the proof of the vault key (items.ts purgeItems); the other devices
  // are poked like after a push and learn it from the changes feed.
  async purge(
    tokenHash: Uint8Array,
    purges: ItemPurge[],
  ): Promise<
    Outcome<{ purged: { id: string; seq: number }[]; conflicts: { id: string; current: StoredItem | null }[] }>
  > {
    const caller = this.caller(tokenHash, Date.now());
    if (caller === null) return SESSION_INVALID;
    const done = await purgeItems(this.ctx.storage, purges);
    if (!done.ok) return done;
    const { purged, conflicts, seq, wrote } = done.value;
    if (wrote) pokeOthers(this.ctx, caller.session.id, seq, (id) => this.isLive(id, caller.now));
    return { ok: true, value: { purged, conflicts } };
  }

  // ---- WebSocket (docs/api.md, "WebSocket") ----

  // Reached only through the worker's socket route, which has checked the upgrade and passes the
  // token's hash; the token itself never reaches this object.
  override async fetch(request: Request): Promise<Response> {
    const hash = request.headers.get('x-tessera-token-hash');
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket' || hash === null) {
      return errorResponse('upgrade-required', 'Open this route as a WebSocket');
    }
    const caller = this.caller(fromBase64url(hash), Date.now());
    if (caller === null) return errorResponse('session-invalid', SESSION_INVALID.message);
    const response = acceptDeviceSocket(this.ctx, caller.session.id, caller.account.seq);
    // A device asked to erase itself hears it the moment it connects.
    if (pendingErasure(this.sql, caller.session.id) !== null) tellErase(this.ctx, caller.session.id);
    return response;
  }

  override webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): void {
    answerDeviceMessage(socket, message);
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string): void {
    try {
      socket.close(code, reason);
    } catch {
      // The runtime already completed the closing handshake.
    }
  }

  override webSocketError(socket: WebSocket): void {
    try {
      socket.close(1011, 'error');
    } catch {
      // Already closed.
    }
  }
}
