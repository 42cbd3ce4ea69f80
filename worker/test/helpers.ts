import { toBase64url } from '@tessera/core/crypto/bytes';
import { DEFAULT_KDF } from '@tessera/core/crypto/kdf';
import { randomBytes, randomId } from '@tessera/core/crypto/random';
import type {
  OutboxMessage,
  PullResponseBody,
  PushResponseBody,
  SignInResponseBody,
} from '@tessera/core/sync/protocol';
import { createExecutionContext, env, runInDurableObject, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { expect } from 'vitest';
import { accountName } from '../src/account/names.ts';
import worker from '../src/index.ts';
import type { Env } from '../src/env.ts';

export const ORIGIN = 'https://tessera.test';

// Unless a test names one, every request comes from its own random address (198.18.0.0/15 is
// reserved for benchmarks), so the per-address limits only bite in the tests about them.
export function randomIp(): string {
  const [a, b] = randomBytes(2) as unknown as [number, number];
  return `198.${18 + (a & 1)}.${b}.${(a >> 1) + 1}`;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  ip?: string;
  headers?: Record<string, string>;
}

function buildRequest(path: string, opts: CallOptions): Request {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  headers['cf-connecting-ip'] ??= opts.ip ?? randomIp();
  return new Request(`${ORIGIN}/api/v1${path}`, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
}

// The app with the same bindings but some settings changed.
export async function callWith(patch: Partial<Env>, path: string, opts: CallOptions = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(buildRequest(path, opts), { ...(env as unknown as Env), ...patch }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

// As a deployment runs it: without the DEV_MODE that the test config sets, as `npm start` does.
export function callDeployed(path: string, opts: CallOptions = {}, patch: Partial<Env> = {}): Promise<Response> {
  return callWith({ ...patch, DEV_MODE: undefined }, path, opts);
}

export async function call(path: string, opts: CallOptions = {}): Promise<Response> {
  return SELF.fetch(buildRequest(path, opts));
}

export async function json<T = any>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

export async function expectError(res: Response, status: number, code: string): Promise<string> {
  const body = await json<{ error: { code: string; message: string } }>(res, status);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  return body.error.message;
}

let emails = 0;
export function newEmail(tag = 'user'): string {
  emails++;
  return `${tag}-${emails}-${toBase64url(randomBytes(6)).toLowerCase()}@example.org`;
}

export async function outbox(to: string): Promise<OutboxMessage[]> {
  return (await json<{ messages: OutboxMessage[] }>(await call(`/dev/outbox?to=${encodeURIComponent(to)}`), 200))
    .messages;
}

export async function lastCode(to: string): Promise<string> {
  const messages = await outbox(to);
  const code = /\b(\d{6})\b/.exec(messages.at(-1)?.text ?? '')?.[1];
  if (code === undefined) throw new Error(`no code mailed to ${to}`);
  return code;
}

// The key material a client would send: random bytes stand in for a derived authKey and a
// wrapped key wherever the test is not about their content (the server never opens them).
export interface Keys {
  salt: Uint8Array;
  authKey: Uint8Array;
  wrappedVaultKey: Uint8Array;
  vaultId: string;
}

export function newKeys(): Keys {
  const wrapped = randomBytes(73);
  wrapped[0] = 1;
  return { salt: randomBytes(16), authKey: randomBytes(32), wrappedVaultKey: wrapped, vaultId: randomId() };
}

export function keysBody(keys: Keys) {
  return {
    vaultId: keys.vaultId,
    salt: toBase64url(keys.salt),
    kdf: { ...DEFAULT_KDF },
    authKey: toBase64url(keys.authKey),
    wrappedVaultKey: toBase64url(keys.wrappedVaultKey),
  };
}

export interface Registered {
  email: string;
  keys: Keys;
  token: string;
  sessionId: string;
}

export async function register(
  opts: { email?: string; keys?: Keys; ip?: string; deviceName?: string } = {},
): Promise<Registered> {
  const email = opts.email ?? newEmail();
  const keys = opts.keys ?? newKeys();
  const ip = opts.ip;
  await json(await call('/auth/register/start', { body: { email }, ip }), 202);
  const code = await lastCode(email);
  const body = await json<SignInResponseBody>(
    await call('/auth/register/finish', {
      body: { email, code, deviceName: opts.deviceName ?? 'Test phone', ...keysBody(keys) },
      ip,
    }),
    201,
  );
  if (body.kind !== 'session') throw new Error('expected a session');
  return { email, keys, token: body.session.token, sessionId: body.session.id };
}

export async function signIn(
  account: Registered,
  deviceName = 'Second device',
  ip?: string,
): Promise<{ token: string; sessionId: string }> {
  const body = await json<SignInResponseBody>(
    await call('/auth/signin', {
      body: { email: account.email, authKey: toBase64url(account.keys.authKey), deviceName },
      ip,
    }),
    200,
  );
  if (body.kind !== 'session') throw new Error('expected a session');
  return { token: body.session.token, sessionId: body.session.id };
}

// Random bytes behind a version-1 byte: to the server, indistinguishable from a sealed item.
export function envelope(size = 300): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65_536) bytes.set(randomBytes(Math.min(65_536, size - at)), at);
  bytes[0] = 1;
  return bytes;
}

export interface ChangeInput {
  id: string;
  baseSeq: number;
  envelope: Uint8Array;
  deletionHash?: Uint8Array;
}

export function changeBody(change: ChangeInput) {
  const body = { id: change.id, baseSeq: change.baseSeq, envelope: toBase64url(change.envelope) };
  return change.deletionHash === undefined ? body : { ...body, deletionHash: toBase64url(change.deletionHash) };
}

// No push makes a tombstone any more; an account written when the push could delete may still
// hold some, so the tests that read them write one as that server did: the next seq, no envelope.
export async function plantTombstone(email: string, id: string): Promise<number> {
  return runInDurableObject(accountStub(await accountName(email)), (_, state) =>
    state.storage.transactionSync(() => {
      const sql = state.storage.sql;
      const seq = sql.exec<{ seq: number }>('SELECT seq FROM account').one().seq + 1;
      const before = sql
        .exec<{ envelope: ArrayBuffer | null }>('SELECT envelope FROM items WHERE id = ?', id)
        .toArray()[0];
      sql.exec(
        'INSERT INTO items (id, seq, envelope) VALUES (?, ?, NULL) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, envelope = NULL',
        id,
        seq,
      );
      const live = before !== undefined && before.envelope !== null ? 1 : 0;
      sql.exec(
        'UPDATE account SET seq = ?, item_count = item_count - ?, tombstone_count = tombstone_count + 1',
        seq,
        live,
      );
      return seq;
    }),
  );
}

export async function push(token: string, changes: ChangeInput[]): Promise<PushResponseBody> {
  return json<PushResponseBody>(
    await call('/vault/changes', { token, body: { changes: changes.map(changeBody) } }),
    200,
  );
}

export async function pull(token: string, since = '0', limit?: number): Promise<PullResponseBody> {
  const q = limit === undefined ? `since=${since}` : `since=${since}&limit=${limit}`;
  return json<PullResponseBody>(await call(`/vault/changes?${q}`, { token }), 200);
}

export async function pullAll(
  token: string,
  since = '0',
): Promise<{ changes: PullResponseBody['changes']; cursor: string }> {
  const changes: PullResponseBody['changes'] = [];
  let cursor = since;
  for (;;) {
    const page = await pull(token, cursor, 1000);
    changes.push(...page.changes);
    cursor = page.nextCursor;
    if (!page.more) return { changes, cursor };
  }
}

export function accountStub(name: string) {
  return env.ACCOUNTS.getByName(name);
}
