#!/usr/bin/env bash
# `npm run deploy`: builds the PWA and deploys the worker with it to Cloudflare with the project's
# own wrangler (docs/deploy.md). Arguments go to `wrangler deploy`: `npm run deploy -- --dry-run`
# builds and bundles without an account and without uploading anything.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
say "building the web app (vite build)"
pnpm --filter @tessera/web run build >&2
dry=false
for arg in "$@"; do [ "$arg" = --dry-run ] && dry=true; done
if ! $dry && [ -z "${CLOUDFLARE_API_TOKEN:-}" ] && ! pnpm exec wrangler whoami >/dev/null 2>&1; then
  say "not signed in to Cloudflare: run 'bash scripts/run.sh pnpm exec wrangler login' or set CLOUDFLARE_API_TOKEN (docs/deploy.md)"
  exit 1
fi
say "deploying with wrangler $(pnpm exec wrangler --version | tail -1)"
exec pnpm exec wrangler deploy --config wrangler.toml "$@"
