import { toBase64url } from '@tessera/core/crypto/bytes';
import { randomId } from '@tessera/core/crypto/random';
import { randomSecret, sha256 } from '../crypto.ts';

// An account's Durable Object is named by a hash of its normalised email, never the email
// itself: names show up in Cloudflare's dashboard and logs, and a session token carries the
// name. The hash is unkeyed on purpose: a keyed one would tie every account to a secret that
// could then never be rotated. Someone who can list names can still test a guessed email, so
// names are treated as identifiers, not secrets (docs/api.md, "Storage").
export async function accountName(email: string): Promise<string> {
  return toBase64url(await sha256('tessera v1 account\0', email));
}

const TOKEN = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

// A session token is `<account name>.<32 random bytes>`: the first half finds the account's
// Durable Object without any global index; the object holds only SHA-256 of the whole token.
export async function newSessionToken(account: string): Promise<{ token: string; tokenHash: Uint8Array }> {
  const token = `${account}.${randomSecret(32)}`;
  return { token, tokenHash: await hashToken(token) };
}

export function tokenAccount(token: string): string | null {
  return TOKEN.exec(token)?.[1] ?? null;
}

export function hashToken(token: string): Promise<Uint8Array> {
  return sha256('tessera v1 session\0', token);
}

// A sign-in attempt id (16 random bytes, sent back by the client with its second factor) is
// kept only as this hash, like a session token.
export async function newAttempt(): Promise<{ id: string; idHash: Uint8Array }> {
  const id = randomId();
  return { id, idHash: await hashAttemptId(id) };
}

export function hashAttemptId(id: string): Promise<Uint8Array> {
  return sha256('tessera v1 signin-attempt\0', id);
}
