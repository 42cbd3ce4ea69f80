import { API_ERRORS, type ApiErrorCode } from '@tessera/core/sync/errors';
import * as v from 'valibot';
import { toBase64url } from '@tessera/core/crypto/bytes';
import type { KdfParams } from '@tessera/core/crypto/kdf';
import { TesseraError } from '@tessera/core/errors';
import {
  AccountResponseSchema,
  ChangePasswordResponseSchema,
  EraseResponseSchema,
  ErrorBodySchema,
  PreloginResponseSchema,
  PullResponseSchema,
  PurgeResponseSchema,
  PushResponseSchema,
  RegisterStartResponseSchema,
  SessionListResponseSchema,
  SetRecoveryResponseSchema,
  SignInResponseSchema,
  type AccountResponse,
  type DeviceKind,
  type RecoveryInfo,
  type PreloginResponse,
  type PullResponse,
  type PurgeResponse,
  type PushResponse,
  type SecondFactorMethod,
  type SessionListResponse,
  type SignInResponse,
} from '@tessera/core/sync/protocol';
import { CodeSentResponseSchema, type CodeChannel, type CodeSentResponse } from '@tessera/core/sync/two-factor';

// The sync API (docs/api.md) as typed calls. Every answer is checked against @tessera/core's
// schemas before anything trusts it; every failure is an ApiError with the server's code, or
// 'network' (no answer: offline, DNS, a dropped connection) or 'bad-response' (an answer that
// is not what the protocol says).
/** The server's codes (core/sync/errors.ts), and this client's own for an answer it never got
 *  ('network'), could not read ('bad-response', also any code newer than this client knows) or
 *  that came from a proxy in the way ('server-unavailable'). */
export type ApiFailureCode = ApiErrorCode | 'network' | 'bad-response' | 'server-unavailable';

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return Object.hasOwn(API_ERRORS, code);
}

export class ApiError extends TesseraError {
  declare readonly code: ApiFailureCode;
  readonly status: number;
  /** From Retry-After on a 429, in ms. */
  readonly retryAfterMs: number | null;
  constructor(code: ApiFailureCode, message: string, status = 0, retryAfterMs: number | null = null) {
    super(code, message);
    this.name = 'ApiError';
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

export function isApiError(error: unknown, code?: ApiFailureCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

const BASE = '/api/v1';
// A pull page of 1,000 items is ~2 MB; a slow phone link can take a while, a dead one must not
// hold the engine forever.
const TIMEOUT_MS = 60_000;

export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  token?: string | undefined;
  body?: unknown;
}

export interface Answer {
  status: number;
  json: unknown;
  headers: Headers;
}

/** One request to the API; every failure becomes an ApiError. Shared by every service that talks to the worker. */
export async function call({ method, path, token, body }: Call): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ApiError('network', timedOut ? 'The server did not answer in time' : 'The server cannot be reached');
  }
  const text = await res.text().catch(() => '');
  let json: unknown = null;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (res.status >= 400) {
    const parsed = v.safeParse(ErrorBodySchema, json);
    const retryAfter = Number(res.headers.get('retry-after'));
    const retryAfterMs = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : null;
    if (parsed.success) {
      const { code, message } = parsed.output.error;
      throw new ApiError(isApiErrorCode(code) ? code : 'bad-response', message, res.status, retryAfterMs);
    }
    // A proxy or a captive portal answered instead of the worker.
    throw new ApiError(
      res.status >= 500 ? 'server-unavailable' : 'bad-response',
      `The server answered ${res.status}`,
      res.status,
      retryAfterMs,
    );
  }
  return { status: res.status, json, headers: res.headers };
}

export function check<S extends v.GenericSchema>(schema: S, answer: Answer): v.InferOutput<S> {
  const parsed = v.safeParse(schema, answer.json);
  if (!parsed.success)
    throw new ApiError(
      'bad-response',
      `The server's answer does not follow the protocol: ${parsed.issues[0]?.message ?? 'unknown shape'}`,
      answer.status,
    );
  return parsed.output;
}

const b64 = toBase64url;

// The device kind goes only when there is one: an older server, whose request objects are strict,
// then still takes the request of a device that knows none.
function kindField(kind: DeviceKind | null | undefined): { deviceKind?: DeviceKind } {
  return kind ? { deviceKind: kind } : {};
}

export interface ServerTime {
  /** Local clock when the request left and when the answer arrived. */
  sentAt: number;
  receivedAt: number;
  /** The `time` field of /health (ms), when present and sane. */
  time: number | null;
  /** The `Date` header (RFC 9110 §6.6.1, whole seconds), when present. */
  date: number | null;
}

export interface NewVaultKeys {
  salt: Uint8Array;
  kdf: KdfParams;
  authKey: Uint8Array;
  wrappedVaultKey: Uint8Array;
}

export interface RegisterFinish extends NewVaultKeys {
  email: string;
  code: string;
  deviceName: string;
  /** Browser and OS family (docs/api.md, "Device kind"), when this device knows them. */
  deviceKind?: DeviceKind | null;
  vaultId: string;
  /** The vault's recovery key, when this device knows its verifier. */
  recovery?: NewRecovery;
}

/** A recovery key as the server stores it: the slot and SHA-256(recoveryAuthKey) (docs/api.md). */
export interface NewRecovery {
  slot: Uint8Array;
  verifier: Uint8Array;
}

/**
 * A pushed change: always a sealed record (a deletion is the record's own field, inside it), with
 * SHA-256 of the item's deletion secret when the vault is open (docs/vault-format.md).
 */
export type OutgoingChange = { id: string; baseSeq: number; envelope: Uint8Array; deletionHash?: Uint8Array };

/** A purge: the item, the seq this device last saw it at, and its deletion secret as the proof. */
export type OutgoingPurge = { id: string; baseSeq: number; proof: Uint8Array };

export const api = {
  async serverTime(): Promise<ServerTime> {
    const sentAt = Date.now();
    const answer = await call({ method: 'GET', path: '/health' });
    const receivedAt = Date.now();
    const time = (answer.json as { time?: unknown } | null)?.time;
    const date = Date.parse(answer.headers.get('date') ?? '');
    return {
      sentAt,
      receivedAt,
      time: typeof time === 'number' && Number.isFinite(time) ? time : null,
      date: Number.isFinite(date) ? date : null,
    };
  },

  async prelogin(email: string): Promise<PreloginResponse> {
    return check(PreloginResponseSchema, await call({ method: 'POST', path: '/auth/prelogin', body: { email } }));
  },

  async registerStart(email: string): Promise<void> {
    check(RegisterStartResponseSchema, await call({ method: 'POST', path: '/auth/register/start', body: { email } }));
  },

  async registerFinish(r: RegisterFinish): Promise<SignInResponse> {
    const body = {
      email: r.email,
      code: r.code,
      deviceName: r.deviceName,
      ...kindField(r.deviceKind),
      vaultId: r.vaultId,
      salt: b64(r.salt),
      kdf: r.kdf,
      authKey: b64(r.authKey),
      wrappedVaultKey: b64(r.wrappedVaultKey),
      ...(r.recovery ? { recovery: { slot: b64(r.recovery.slot), verifier: b64(r.recovery.verifier) } } : {}),
    };
    return check(SignInResponseSchema, await call({ method: 'POST', path: '/auth/register/finish', body }));
  },

  async signIn(
    email: string,
    authKey: Uint8Array,
    deviceName: string,
    deviceKind?: DeviceKind | null,
  ): Promise<SignInResponse> {
    const body = { email, authKey: b64(authKey), deviceName, ...kindField(deviceKind) };
    return check(SignInResponseSchema, await call({ method: 'POST', path: '/auth/signin', body }));
  },

  async signOut(token: string): Promise<void> {
    await call({ method: 'POST', path: '/auth/signout', token });
  },

  /** The account's devices, and the devices asked to erase whose session is gone. */
  async sessions(token: string): Promise<SessionListResponse> {
    return check(SessionListResponseSchema, await call({ method: 'GET', path: '/sessions', token }));
  },

  /** "Sign out and erase Tessera from that device", behind the password proof; answers when it was asked. */
  async eraseSession(token: string, id: string, authKey: Uint8Array): Promise<number> {
    const answer = await call({
      method: 'POST',
      path: `/sessions/${encodeURIComponent(id)}/erase`,
      token,
      body: { authKey: b64(authKey) },
    });
    return check(EraseResponseSchema, answer).requestedAt;
  },

  /** This device was asked to erase itself: it says so before it wipes (docs/api.md). */
  async confirmErased(token: string): Promise<void> {
    await call({ method: 'POST', path: '/sessions/erased', token });
  },

  async revokeSession(token: string, id: string): Promise<void> {
    await call({ method: 'DELETE', path: `/sessions/${encodeURIComponent(id)}`, token });
  },

  async account(token: string): Promise<AccountResponse> {
    return check(AccountResponseSchema, await call({ method: 'GET', path: '/account', token }));
  },

  /** Every other session of the account ends; the answer is how many. */
  async changePassword(
    token: string,
    authKey: Uint8Array,
    next: NewVaultKeys,
    deviceKind?: DeviceKind | null,
  ): Promise<number> {
    const body = {
      authKey: b64(authKey),
      ...kindField(deviceKind),
      next: {
        salt: b64(next.salt),
        kdf: next.kdf,
        authKey: b64(next.authKey),
        wrappedVaultKey: b64(next.wrappedVaultKey),
      },
    };
    return check(ChangePasswordResponseSchema, await call({ method: 'POST', path: '/account/password', token, body }))
      .endedSessions;
  },

  /** Stores a new recovery key with the account; the old one resets nothing any more. */
  async setRecovery(token: string, authKey: Uint8Array, recovery: NewRecovery): Promise<RecoveryInfo> {
    const body = { authKey: b64(authKey), recovery: { slot: b64(recovery.slot), verifier: b64(recovery.verifier) } };
    return check(SetRecoveryResponseSchema, await call({ method: 'PUT', path: '/account/recovery', token, body }))
      .recovery;
  },

  /** A forgotten password reset with the recovery key: a session, or the second-factor step. */
  async recover(
    email: string,
    recoveryAuthKey: Uint8Array,
    deviceName: string,
    next: NewVaultKeys,
    deviceKind?: DeviceKind | null,
  ): Promise<SignInResponse> {
    const body = {
      email,
      recoveryAuthKey: b64(recoveryAuthKey),
      deviceName,
      ...kindField(deviceKind),
      next: {
        salt: b64(next.salt),
        kdf: next.kdf,
        authKey: b64(next.authKey),
        wrappedVaultKey: b64(next.wrappedVaultKey),
      },
    };
    return check(SignInResponseSchema, await call({ method: 'POST', path: '/auth/recover', body }));
  },

  async deleteAccount(token: string, authKey: Uint8Array): Promise<void> {
    await call({ method: 'POST', path: '/account/delete', token, body: { authKey: b64(authKey) } });
  },

  async pull(token: string, since: string, limit: number): Promise<PullResponse> {
    const query = new URLSearchParams({ since, limit: String(limit) });
    return check(PullResponseSchema, await call({ method: 'GET', path: `/vault/changes?${query}`, token }));
  },

  async push(token: string, changes: readonly OutgoingChange[]): Promise<PushResponse> {
    const body = {
      changes: changes.map((c) => {
        const change = { id: c.id, baseSeq: c.baseSeq, envelope: b64(c.envelope) };
        return c.deletionHash === undefined ? change : { ...change, deletionHash: b64(c.deletionHash) };
      }),
    };
    return check(PushResponseSchema, await call({ method: 'POST', path: '/vault/changes', token, body }));
  },

  async purge(token: string, items: readonly OutgoingPurge[]): Promise<PurgeResponse> {
    const body = { items: items.map((p) => ({ id: p.id, baseSeq: p.baseSeq, proof: b64(p.proof) })) };
    return check(PurgeResponseSchema, await call({ method: 'POST', path: '/vault/purge', token, body }));
  },

  /** Second step of sign-in: mail or text a code for the attempt (docs/api.md). */
  async signInSend(email: string, attemptId: string, method: CodeChannel): Promise<CodeSentResponse> {
    return check(
      CodeSentResponseSchema,
      await call({ method: 'POST', path: '/auth/signin/send', body: { email, attemptId, method } }),
    );
  },

  async signInVerify(
    email: string,
    attemptId: string,
    method: SecondFactorMethod,
    code: string,
  ): Promise<SignInResponse> {
    return check(
      SignInResponseSchema,
      await call({ method: 'POST', path: '/auth/signin/verify', body: { email, attemptId, method, code } }),
    );
  },
};

export type Api = typeof api;
