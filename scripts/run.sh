#!/usr/bin/env bash
# Runs one command with the project's Node and pnpm on PATH (for npm scripts such as `tessera`).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
exec "$@"
