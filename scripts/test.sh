#!/usr/bin/env bash
# `npm test`: every suite (typecheck, lint, core, cli, worker inside workerd, web units,
# Playwright end-to-end on Chromium, the same flows in WebKit and Firefox, smoke tests of the
# self-hosted server), then one line `N passed, N failed` summed over all of them.
# Suites whose name is given as arguments run alone: `npm test -- core worker`.
set -uo pipefail
source "$(dirname "$0")/env.sh" || exit 1
cd "$ROOT"
RESULTS="$ROOT/.state/results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
want() { [ $# -eq 0 ] || [ -z "$SELECTED" ] || [[ " $SELECTED " == *" $1 "* ]]; }
SELECTED="$*"
status=0

find_chromium() {
  for c in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -n "$c" ] && [ -x "$c" ] && { echo "$c"; return 0; }
  done
  return 1
}

ensure_chromium() {
  find_chromium >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Chromium not found: installing Debian's chromium with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) >&2 || return 1
  else
    say "Chromium not found: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH"
    return 1
  fi
}

# Runs one vitest suite, keeping its JSON report for the final count.
vitest_suite() {
  local name=$1 dir=$2
  want "$name" || return 0
  say "suite $name ($dir)"
  if ! (cd "$dir" && pnpm exec vitest run --passWithNoTests --reporter=default --reporter=json --outputFile.json="$RESULTS/$name.json"); then
    status=1
    [ -s "$RESULTS/$name.json" ] || echo '{"kind":"check","passed":0,"failed":1}' > "$RESULTS/$name.json"
  fi
}

if want typecheck; then
  say "typecheck (tsc in every package)"
  if pnpm -r --workspace-concurrency=1 run typecheck >&2; then echo '{"kind":"check","passed":1,"failed":0}' > "$RESULTS/typecheck.json"
  else echo '{"kind":"check","passed":0,"failed":1}' > "$RESULTS/typecheck.json"; status=1; fi
fi

if want lint; then
  say "lint (Biome: architecture rules, floating promises, import cycles, formatting)"
  bash scripts/lint.sh "$RESULTS" >&2 || status=1
fi

vitest_suite core packages/core
vitest_suite cli packages/cli
vitest_suite worker worker
vitest_suite web web

if want e2e; then
  say "building the web app for end-to-end tests"
  if ! pnpm --filter @tessera/web run build >&2; then
    echo '{"kind":"check","passed":0,"failed":1}' > "$RESULTS/web-build.json"; status=1
  elif ! ensure_chromium; then
    echo '{"kind":"check","passed":0,"failed":1}' > "$RESULTS/chromium.json"; status=1
  else
    export CHROMIUM_PATH="$(find_chromium)"
    say "suite e2e (Playwright on $CHROMIUM_PATH against wrangler dev)"
    if ! (cd tests && PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/e2e.json" pnpm exec playwright test --reporter=list,json); then
      status=1
      [ -s "$RESULTS/e2e.json" ] || echo '{"kind":"check","passed":0,"failed":1}' > "$RESULTS/e2e.json"
    fi
  fi
fi

# --- WebKit and Firefox (tests/engines): the everyday flows through WebDriver in the real
# engines, Debian's WebKitGTK (WebKitWebDriver + MiniBrowser on an Xvfb display) and firefox-esr
# (WebDriver BiDi). Installed with apt-get when running as root; never downloaded otherwise.
engine_packages() {
  case $1 in webkit) echo "webkit2gtk-driver xvfb" ;; firefox) echo "firefox-esr" ;; esac
}

engine_present() {
  case $1 in
    webkit) command -v WebKitWebDriver >/dev/null && command -v Xvfb >/dev/null ;;
    firefox) [ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] ;;
  esac
}

ensure_engine() {
  engine_present "$1" && return 0
  local packages
  packages="$(engine_packages "$1")"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "$1 not found: installing Debian's $packages with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null) >&2 || return 1
    engine_present "$1"
  else
    say "$1 not found: install it (Debian/Ubuntu: sudo apt-get install $packages) to run the $1 suite"
    return 1
  fi
}

ENGINE_WEB_BUILT=""
engine_suite() {
  local name=$1
  want "$name" || return 0
  # The e2e block above builds web/dist when it runs; otherwise build it here, once.
  if [ -z "$ENGINE_WEB_BUILT" ] && ! want e2e; then
    say "building the web app for the $name suite"
    if ! pnpm --filter @tessera/web run build >&2; then
      echo '{"kind":"check","passed":0,"failed":1}' > "$RESULTS/$name.json"; status=1; return
    fi
  fi
  ENGINE_WEB_BUILT=1
  if ! ensure_engine "$name"; then
    echo '{"kind":"check","passed":0,"failed":1}' > "$RESULTS/$name.json"; status=1; return
  fi
  say "suite $name (tests/engines against wrangler dev)"
  if ! (cd tests && ENGINE=$name pnpm exec vitest run --config engines/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$RESULTS/$name.json"); then
    status=1
    [ -s "$RESULTS/$name.json" ] || echo '{"kind":"check","passed":0,"failed":1}' > "$RESULTS/$name.json"
  fi
}

engine_suite webkit
engine_suite firefox

# --- The self-hosted server (tests/selfhost): smoke tests in Chromium against `npm run selfhost`
# (standalone workerd, no wrangler) on its own port and data folder.
if want selfhost; then
  if [ -z "$ENGINE_WEB_BUILT" ] && ! want e2e; then
    say "building the web app for the selfhost suite"
    pnpm --filter @tessera/web run build >&2 || { echo '{"kind":"check","passed":0,"failed":1}' > "$RESULTS/selfhost-build.json"; status=1; }
  fi
  if [ -f "$RESULTS/selfhost-build.json" ]; then :
  elif ! ensure_chromium; then
    echo '{"kind":"check","passed":0,"failed":1}' > "$RESULTS/selfhost.json"; status=1
  else
    export CHROMIUM_PATH="$(find_chromium)"
    say "suite selfhost (Playwright against npm run selfhost)"
    if ! (cd tests && PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/selfhost.json" pnpm exec playwright test --config playwright.selfhost.config.ts --reporter=list,json); then
      status=1
      [ -s "$RESULTS/selfhost.json" ] || echo '{"kind":"check","passed":0,"failed":1}' > "$RESULTS/selfhost.json"
    fi
  fi
fi

node scripts/count-results.ts "$RESULTS" || status=1
exit $status
