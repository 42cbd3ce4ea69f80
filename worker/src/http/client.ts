import { toBase64url } from '@tessera/core/crypto/bytes';
import { sha256 } from '../crypto.ts';
import type { Env } from '../env.ts';
import type { LimitKind } from '../limits/client-limiter.ts';
import { unwrap } from './errors.ts';

// Where the client's address comes from (CLIENT_ADDRESS, docs/selfhost.md "Client address"):
// - unset or "cf-connecting-ip": the CF-Connecting-IP header. Cloudflare's edge sets it (a client
//   cannot forge it there); wrangler dev sets it to the loopback address unless the request has one.
// - "socket": the connection's peer, as workerd reports it in request.cf.clientIp (self-hosted,
//   with nothing in front).
// - "proxy": the last address in the header CLIENT_ADDRESS_HEADER (what the nearest proxy added),
//   believed only when the connection comes from one of TRUSTED_PROXIES; from anywhere else the
//   header may be made up, so the peer itself counts.
export function clientAddress(request: Request, env: Env): string {
  const mode = env.CLIENT_ADDRESS ?? 'cf-connecting-ip';
  if (mode === 'cf-connecting-ip') return request.headers.get('cf-connecting-ip')?.trim() ?? '';
  const peer = socketPeer(request);
  if (mode !== 'proxy') return peer;
  const trusted = (env.TRUSTED_PROXIES ?? '').split(',').map((a) => a.trim().toLowerCase());
  if (!trusted.includes(peer.toLowerCase()) || !env.CLIENT_ADDRESS_HEADER) return peer;
  const forwarded = request.headers.get(env.CLIENT_ADDRESS_HEADER)?.split(',').at(-1)?.trim() ?? '';
  return forwarded === '' ? peer : forwarded;
}

// workerd gives "203.0.113.7:51234" or "[2001:db8::1]:51234".
function socketPeer(request: Request): string {
  const raw = (request as Request & { cf?: { clientIp?: unknown } }).cf?.clientIp;
  if (typeof raw !== 'string') return '';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(raw);
  if (bracketed) return bracketed[1] as string;
  return /^[\d.]+:\d+$/.test(raw) ? raw.slice(0, raw.lastIndexOf(':')) : raw;
}

// The rate limiters' key for an address: an IPv6 client usually holds a whole /64, so that is one
// client.
export function clientKey(request: Request, env: Env): string {
  const ip = clientAddress(request, env).toLowerCase();
  if (ip.includes(':')) return ipv6Prefix(ip);
  return ip === '' ? 'unknown' : ip;
}

function ipv6Prefix(ip: string): string {
  const [head = '', tail] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? Number.parseInt(g, 16).toString(16) : g))
    .join(':')}::/64`;
}

// The object's name is a hash, so no address appears in names, dashboards or logs.
async function limiterFor(env: Env, request: Request) {
  return env.CLIENTS.getByName(toBase64url(await sha256('tessera v1 client\0', clientKey(request, env))));
}

/**
 * What the limiter reads of a request's context: the bindings and the raw request. Every route's
 * Hono context has them, whatever its path and validated input, so this takes any of them
 * without naming its path and input types.
 */
export interface ClientContext {
  env: Env;
  req: { raw: Request };
}

export async function admitClient(c: ClientContext, spend: LimitKind[], guard: LimitKind[] = []): Promise<void> {
  unwrap(await (await limiterFor(c.env, c.req.raw)).admit(spend, guard));
}

export async function recordClientFailure(c: ClientContext): Promise<void> {
  await (await limiterFor(c.env, c.req.raw)).recordFailure();
}
