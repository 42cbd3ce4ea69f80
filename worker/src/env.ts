// The bindings (the Durable Object namespaces, the static assets) are what wrangler.toml
// declares, as `wrangler types` writes them into worker/worker-configuration.d.ts (`Cloudflare.Env`;
// regenerate with `npm run types:worker`, the typecheck suite fails while it is stale). What
// wrangler cannot see is added here: the secrets a deployment sets with `wrangler secret put`
// (docs/api.md, "Deploying") and the variables passed with `--var`. Every one is optional because
// the worker must answer 503 `server-misconfigured` rather than crash when one is missing.
export interface Secrets {
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

export interface Env extends Cloudflare.Env, Secrets {}

export function isDevMode(env: Env): boolean {
  return env.DEV_MODE === 'true';
}

// Hono's environment: bindings, and what the session middleware leaves for the handlers.
export interface AppEnv {
  Bindings: Env;
  Variables: {
    // A stub of the account's Durable Object, typed from the binding (no import of the class
    // here: the classes import this module).
    account: ReturnType<Env['ACCOUNTS']['get']>;
    // The account's object name, the first half of the session token.
    accountName: string;
    tokenHash: Uint8Array;
  };
}
