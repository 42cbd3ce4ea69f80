#!/usr/bin/env bash
# Formats the whole tree with Biome once and turns on the lint suite's formatter check
# (scripts/lint.sh). Run it alone, at a quiet moment, and commit the result as its own commit,
# so the reformat never mixes with a change and other branches rebase over it in one step.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
pnpm exec biome format --write .
sed -i 's/^FORMAT_CHECK=0$/FORMAT_CHECK=1/' scripts/lint.sh
pnpm exec biome format . >/dev/null
echo "tree formatted and the formatter check turned on: review 'git diff --stat', then commit"
