#!/usr/bin/env bash
# The lint suite: Biome's rules that write the architecture down (biome.json: screens reach
# services only through the services context, packages/core imports neither web nor worker nor
# Node-only modules, no value import cycles, no floating promises), then the formatter check.
# Writes one JSON report per check into $1 when given (scripts/test.sh counts them).
set -uo pipefail
source "$(dirname "$0")/env.sh" || exit 1
cd "$ROOT"
RESULTS="${1:-}"
# 0 until the tree has been formatted once: scripts/format-tree.sh formats it and sets this to 1.
FORMAT_CHECK=1
status=0

report() {
  [ -n "$RESULTS" ] || return 0
  if [ "$2" = 0 ]; then echo '{"kind":"check","passed":1,"failed":0}' > "$RESULTS/lint-$1.json"
  else echo '{"kind":"check","passed":0,"failed":1}' > "$RESULTS/lint-$1.json"; fi
}

pnpm exec biome lint --error-on-warnings --max-diagnostics=100 .
rc=$?; report rules $rc; [ $rc = 0 ] || status=1

if [ "$FORMAT_CHECK" = 1 ]; then
  pnpm exec biome format --max-diagnostics=20 .
  rc=$?; report format $rc; [ $rc = 0 ] || status=1
fi
exit $status
