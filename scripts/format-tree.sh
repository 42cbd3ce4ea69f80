#!/usr/bin/env bash
# Formats the whole tree with Biome once and turns on the lint suite's formatter check
# (scripts/lint.sh). Run it alone, at a quiet moment, and commit the result as its own commit,
# so the reformat never mixes with a change and other branches rebase over it in one step.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
# Twice: Biome 2.6.8 settles a few long chains (2 files of 441 here) only on a second pass.
pnpm exec biome format --write .
pnpm exec biome format --write . >/dev/null
sed -i 's/^FORMAT_CHECK=0$/FORMAT_CHECK=1/' scripts/lint.sh
pnpm exec biome format . >/dev/null
echo "tree formatted and the formatter check turned on: review 'git diff --stat', then commit"
