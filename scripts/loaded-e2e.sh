#!/usr/bin/env bash
# The end-to-end suite several times in a row (3 by default) while a CPU hog keeps one core busy
# beside it, with Playwright's retry turned off: a test that depends on timing fails here first.
# Prints each run's closing line and wall time. The hog is Debian's stress-ng, bounded in time
# and stopped after each run.   Usage: bash scripts/loaded-e2e.sh [runs]
set -uo pipefail
source "$(dirname "$0")/env.sh" || exit 1
cd "$ROOT" && mkdir -p .state
runs=${1:-3}
if ! command -v stress-ng >/dev/null; then
  say "stress-ng not found: install it (Debian/Ubuntu: sudo apt-get install stress-ng)"
  exit 2
fi
hog=
stop_hog() { [ -n "$hog" ] && kill "$hog" 2>/dev/null && wait "$hog" 2>/dev/null; hog=; }
trap stop_hog EXIT
summary=()
failed=0
for run in $(seq 1 "$runs"); do
  # One core busy for at most 40 minutes: far longer than a run, and gone if this script dies.
  stress-ng --cpu 1 --timeout 40m --quiet &
  hog=$!
  started=$(date +%s)
  # CI unset: no retry, so a flaky test shows as a failure.
  env -u CI bash scripts/test.sh e2e > "$ROOT/.state/loaded-e2e-$run.log" 2>&1
  code=$?
  stop_hog
  line="run $run: $(tail -n 1 "$ROOT/.state/loaded-e2e-$run.log") in $(( $(date +%s) - started )) s (exit $code)"
  say "$line"
  summary+=("$line")
  [ "$code" -eq 0 ] || failed=1
done
printf '%s\n' "${summary[@]}"
exit "$failed"
