import type { Env as WorkerEnv } from '../src/env.ts';

// `env` from cloudflare:test carries the worker's bindings (wrangler.toml).
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}
