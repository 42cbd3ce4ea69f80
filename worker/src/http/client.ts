import { toBase64url } from '@tessera/core/crypto/bytes';
import type { Context } from 'hono';
import { sha256 } from '../crypto.ts';
import type { AppEnv, Env } from '../env.ts';
import type { LimitKind } from '../limits/client-limiter.ts';
import { unwrap } from './errors.ts';

// Cloudflare sets CF-Connecting-IP at its edge (a client cannot forge it there); wrangler dev sets
// it to the loopback address. An IPv6 client usually holds a whole /64, so that is one client.
export function clientKey(request: Request): string {
  const ip = request.headers.get('cf-connecting-ip')?.trim().toLowerCase() ?? '';
  if (ip.includes(':')) return ipv6Prefix(ip);
  return ip === '' ? 'unknown' : ip;
}

function ipv6Prefix(ip: string): string {
  const [head = '', tail] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? Number.parseInt(g, 16).toString(16) : g))
    .join(':')}::/64`;
}

// The object's name is a hash, so no address appears in names, dashboards or logs.
async function limiterFor(env: Env, request: Request) {
  return env.CLIENTS.getByName(toBase64url(await sha256('tessera v1 client\0', clientKey(request))));
}

export async function admitClient(c: Context<AppEnv, any, any>, spend: LimitKind[], guard: LimitKind[] = []): Promise<void> {
  unwrap(await (await limiterFor(c.env, c.req.raw)).admit(spend, guard));
}

export async function recordClientFailure(c: Context<AppEnv, any, any>): Promise<void> {
  await (await limiterFor(c.env, c.req.raw)).recordFailure();
}
