#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the PWA and serves app and API on
# http://127.0.0.1:8787 through wrangler dev (workerd), with local state kept in .state/dev.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
say "building the web app (vite build)"
pnpm --filter @tessera/web run build >&2
mkdir -p .state/dev
say "starting Tessera on http://127.0.0.1:${PORT:-8787} (local state in .state/dev; dev outbox at /api/v1/dev/outbox)"
exec pnpm exec wrangler dev --config wrangler.toml --local --ip 127.0.0.1 --port "${PORT:-8787}" \
  --persist-to .state/dev --show-interactive-dev-session=false --var DEV_MODE:true
