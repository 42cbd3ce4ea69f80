#!/usr/bin/env bash
# `npm run selfhost [-- <data folder>]`: Tessera on this machine without Cloudflare: the same worker
# under standalone workerd (from the npm package), app and API on one port (docs/selfhost.md).
# TESSERA_SKIP_BUILD=1 reuses web/dist as it is.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
if [ "${TESSERA_SKIP_BUILD:-}" != 1 ] || [ ! -f web/dist/index.html ]; then
  say "building the web app (vite build)"
  pnpm --filter @tessera/web run build >&2
fi
exec node scripts/selfhost.ts "$@"
