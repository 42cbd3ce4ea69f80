// The self-hosted server's entry (scripts/selfhost.ts, docs/selfhost.md): the same worker as on
// Cloudflare, plus the entrypoint that stands in for Cloudflare's asset storage.
export { AccountStore, ClientLimiter, DevOutbox, default } from './index.ts';
export { SelfhostAssets } from './selfhost/assets.ts';
