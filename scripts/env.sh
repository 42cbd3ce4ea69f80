# Sourced by every entry script. Puts a Node >= 22 and pnpm on PATH (installed locally under
# .tools/ when the system has none: the Cloudflare toolchain needs Node 22+, many machines ship 20)
# and installs the workspace packages when they are missing or stale.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION=24.21.0
PNPM_VERSION=12.21.0
TOOLS="$ROOT/.tools/node_modules"

say() { printf 'tessera: %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

node_package() {
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) say "unsupported OS $(uname -s)"; return 1 ;; esac
  case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) say "unsupported CPU $(uname -m)"; return 1 ;; esac
  echo "node-$os-$arch"
}

ensure_tools() {
  local pkg
  pkg="$(node_package)" || return 1
  # Both, or the install was cut short (a Ctrl-C during the first `npm start`): then install again.
  if [ -x "$TOOLS/$pkg/bin/node" ] && [ -x "$TOOLS/.bin/pnpm" ]; then
    PATH="$TOOLS/$pkg/bin:$TOOLS/.bin:$PATH"
  elif [ "$(node_major)" -lt 22 ] || ! command -v pnpm >/dev/null 2>&1; then
    command -v npm >/dev/null 2>&1 || { say "npm is needed to bootstrap; install Node.js (20 or newer) first"; return 1; }
    say "installing Node $NODE_VERSION and pnpm $PNPM_VERSION locally into .tools/ (system Node is $(node --version 2>/dev/null || echo missing))"
    npm i --no-save --no-package-lock --no-audit --no-fund --loglevel=error --prefix "$ROOT/.tools" \
      "$pkg@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2 || return 1
    PATH="$TOOLS/$pkg/bin:$TOOLS/.bin:$PATH"
  fi
  export PATH
  export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false WRANGLER_HIDE_BANNER=true CLOUDFLARE_CF_FETCH_ENABLED=false
}

# Re-install only when a manifest or the lockfile changed since the last install.
ensure_packages() {
  local stamp="$ROOT/node_modules/.tessera-installed"
  if [ -f "$stamp" ] && [ -z "$(find "$ROOT/pnpm-lock.yaml" "$ROOT/pnpm-workspace.yaml" "$ROOT"/package.json "$ROOT"/*/package.json "$ROOT"/packages/*/package.json -newer "$stamp" 2>/dev/null)" ]; then
    return 0
  fi
  say "installing packages (pnpm install)"
  (cd "$ROOT" && pnpm install --reporter=append-only >&2) || return 1
  touch "$stamp"
}

ensure_tools && ensure_packages
