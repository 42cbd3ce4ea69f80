import type { AccountResponseBody, ChangePasswordResponse, SetRecoveryResponseBody } from '@tessera/core/sync/protocol';
import {
  ChangePasswordRequestSchema,
  DeleteAccountRequestSchema,
  SetRecoveryRequestSchema,
} from '@tessera/core/sync/protocol';
import { Hono } from 'hono';
import { requireAcceptedKdf } from '../account/kdf-policy.ts';
import { sha256 } from '../crypto.ts';
import type { AppEnv } from '../env.ts';
import { jsonBody } from '../http/body.ts';
import { unwrap } from '../http/errors.ts';
import { requireSession } from '../http/session.ts';
import { b64, vaultKeysBody } from './bodies.ts';

export const account = new Hono<AppEnv>();

account.get('/', requireSession, async (c) => {
  const view = unwrap(await c.var.account.account(c.var.tokenHash));
  const body: AccountResponseBody = {
    email: view.email,
    createdAt: view.createdAt,
    passwordChangedAt: view.passwordChangedAt,
    vault: vaultKeysBody(view.vault),
    itemCount: view.itemCount,
    seq: view.seq,
    secondFactor: { methods: view.methods },
  };
  return c.json(body);
});

// The session alone is not enough: the current password's authKey must be proven again, so a
// stolen token cannot lock the owner out. Every other session ends, always.
account.post('/password', requireSession, jsonBody(ChangePasswordRequestSchema), async (c) => {
  const { authKey, next, deviceKind } = c.req.valid('json');
  requireAcceptedKdf(next.kdf, 'next.kdf');
  const changed = unwrap(
    await c.var.account.changePassword(
      c.var.tokenHash,
      await sha256(authKey),
      {
        salt: next.salt,
        kdf: next.kdf,
        verifier: await sha256(next.authKey),
        wrappedVaultKey: next.wrappedVaultKey,
      },
      deviceKind ?? null,
    ),
  );
  const body: ChangePasswordResponse = { endedSessions: changed.endedSessions };
  return c.json(body);
});

account.post('/delete', requireSession, jsonBody(DeleteAccountRequestSchema), async (c) => {
  const { authKey } = c.req.valid('json');
  unwrap(await c.var.account.deleteAccount(c.var.tokenHash, await sha256(authKey)));
  return c.body(null, 204);
});

// A new recovery key (docs/api.md, "PUT /api/v1/account/recovery"): the password proven again, so
// a stolen token cannot plant a recovery key of its own. The old verifier and slot are replaced.
account.put('/recovery', requireSession, jsonBody(SetRecoveryRequestSchema), async (c) => {
  const { authKey, recovery } = c.req.valid('json');
  const stored = unwrap(await c.var.account.setRecovery(c.var.tokenHash, await sha256(authKey), recovery));
  const body: SetRecoveryResponseBody = { recovery: { slot: b64(stored.slot), createdAt: stored.createdAt } };
  return c.json(body);
});
