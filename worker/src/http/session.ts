import type { MiddlewareHandler } from 'hono';
import { hashToken, tokenAccount } from '../account/names.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from './errors.ts';

// `Authorization: Bearer <token>`. The token names its account's object; the object checks the
// token's hash against its sessions on every call (docs/api.md, "Authentication").
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = /^Bearer ([^\s]+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  const account = token === undefined ? null : tokenAccount(token);
  if (token === undefined || account === null) {
    throw new ApiError('session-invalid', 'This request needs the header Authorization: Bearer <session token>');
  }
  c.set('account', c.env.ACCOUNTS.getByName(account));
  c.set('accountName', account);
  c.set('tokenHash', await hashToken(token));
  await next();
};
