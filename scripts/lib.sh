#!/usr/bin/env bash
# Shared helpers for the scripts in this folder. Sourced, not run.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${TT_STATE_DIR:-$REPO_ROOT/.local}"
mkdir -p "$STATE_DIR"

# Loopback ports of the local services; the defaults match local.settings.sample.json.
PG_PORT="${TT_PG_PORT:-5432}"
REDIS_PORT="${TT_REDIS_PORT:-6379}"
AZURITE_BLOB_PORT=10000
AZURITE_QUEUE_PORT=10001
AZURITE_TABLE_PORT=10002
CHAIN_PORT="${TT_CHAIN_PORT:-8545}"
PG_USER=trustytrade
PG_PASSWORD=trustytrade
PG_DATABASE="${TT_PG_DATABASE:-trustytrade}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for NAME SECONDS COMMAND...: polls COMMAND until it succeeds, or fails naming NAME.
wait_for() {
  local name="$1" seconds="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || die "$name did not answer within ${seconds}s"
    sleep 0.3
  done
}

APT_UPDATED=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "apt-get is needed to install ${missing[*]}; install them by hand"
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# `npm ci` in $1 when its packages are missing or older than its lock file; $2 says what they are for.
npm_ci_if_stale() {
  local dir="$1"
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "installing $2 (npm ci in ${dir#"$REPO_ROOT"/})"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

# The admin panel (admin-web/): its packages, then a production build into admin-web/dist (TypeScript checked first).
build_admin_web() {
  npm_ci_if_stale "$REPO_ROOT/admin-web" "the admin panel's packages"
  log "building the admin panel (admin-web/dist)"
  (cd "$REPO_ROOT/admin-web" && npm run --silent build >/dev/null)
}

# The settings every local process and test reads, pointing at the services started here.
export_local_settings() {
  export AzureWebJobsStorage="UseDevelopmentStorage=true"
  export Postgres__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DATABASE;Username=$PG_USER;Password=$PG_PASSWORD"
  export Redis__Configuration="127.0.0.1:$REDIS_PORT"
  export Chain__RpcUrl="http://127.0.0.1:$CHAIN_PORT"
}
