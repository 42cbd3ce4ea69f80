#!/usr/bin/env bash
# `npm run types:worker`: writes worker/worker-configuration.d.ts, the worker's bindings as
# wrangler.toml declares them (`wrangler types`; the runtime's own types come from
# @cloudflare/workers-types, so only the bindings are generated). The file is committed.
# `--check` (run by the typecheck suite) generates it again beside the committed one and fails
# when the two differ: a binding added to wrangler.toml without regenerating, or a hand edit.
# (`wrangler types --check` compares only the hash in the header, so it misses a hand edit.)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=worker/worker-configuration.d.ts
generate() { pnpm exec wrangler types "$1" --include-runtime=false >/dev/null; }
if [ "${1:-}" != --check ]; then
  generate "$OUT"
  exit 0
fi
# Beside the committed file, so the import paths it writes are the same.
FRESH=worker/.worker-configuration.fresh.d.ts
trap 'rm -f "$FRESH"' EXIT
generate "$FRESH"
# Line 2 names the output file and the config's hash; everything else must match.
if ! diff -u <(sed 2d "$OUT") <(sed 2d "$FRESH") >&2; then
  echo "$OUT is out of date with wrangler.toml: run \`npm run types:worker\` and commit it." >&2
  exit 1
fi
