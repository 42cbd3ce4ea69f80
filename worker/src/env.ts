import type { AccountStore } from './account/store.ts';
import type { ClientLimiter } from './limits/client-limiter.ts';
import type { DevOutbox } from './notify/outbox.ts';

// Bindings from wrangler.toml, plus the secrets a deployment sets with `wrangler secret put`
// (docs/api.md, "Deploying"). Every secret is optional here because the worker must answer
// 503 `server-misconfigured` rather than crash when one is missing.
export interface Env {
  ACCOUNTS: DurableObjectNamespace<AccountStore>;
  CLIENTS: DurableObjectNamespace<ClientLimiter>;
  OUTBOX: DurableObjectNamespace<DevOutbox>;
  ASSETS: Fetcher;
  // "true" only in local development (`npm start`, the tests): enables the dev outbox and a
  // built-in prelogin secret. A deployed worker never sets it.
  DEV_MODE?: string;
  PRELOGIN_SECRET?: string;
  // Seals authenticator secrets and keys the hashes of sign-in and recovery codes (docs/api.md,
  // "Two-factor sign-in"): 32 or more random bytes, e.g. `openssl rand -base64 32`.
  TWOFA_SECRET_KEY?: string;
  // How the client's address is found for the rate limiters (http/client.ts, docs/selfhost.md):
  // "cf-connecting-ip" (unset), "socket", or "proxy" with the header and the proxies to trust.
  CLIENT_ADDRESS?: string;
  CLIENT_ADDRESS_HEADER?: string;
  TRUSTED_PROXIES?: string;
  // Email and SMS providers (notify/select.ts, docs/deploy.md "Email and SMS").
  EMAIL_PROVIDER?: string;
  EMAIL_API_KEY?: string;
  EMAIL_FROM?: string;
  EMAIL_API_URL?: string;
  SMS_PROVIDER?: string;
  SMS_ACCOUNT?: string;
  SMS_API_KEY?: string;
  SMS_FROM?: string;
  SMS_API_URL?: string;
}

export function isDevMode(env: Env): boolean {
  return env.DEV_MODE === 'true';
}

// Hono's environment: bindings, and what the session middleware leaves for the handlers.
export interface AppEnv {
  Bindings: Env;
  Variables: {
    account: DurableObjectStub<AccountStore>;
    // The account's object name, the first half of the session token.
    accountName: string;
    tokenHash: Uint8Array;
  };
}
