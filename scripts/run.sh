#!/usr/bin/env bash
# Runs TrustyTrade locally: installs what is missing, starts PostgreSQL, Redis and Azurite, applies the database
# migrations, serves the admin panel (admin-web, Vite's dev server on port 5173, its /api proxied to the app), then
# starts the Functions app with Azure Functions Core Tools v4 (`func start`) on port 7071.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

command -v dotnet >/dev/null || die "the .NET SDK (global.json names the version) is needed: https://dot.net"
"$REPO_ROOT/scripts/services.sh" start
export_local_settings

log "applying database migrations"
dotnet run --project src/TrustyTrade.DbMigrator -c Debug -v quiet

app_dir="$REPO_ROOT/functions/TrustyTrade.Functions"
if [ ! -f "$app_dir/local.settings.json" ]; then
  # The sample's vault key is all zeros, a placeholder: give this machine a random one of its own.
  key="$(head -c 32 /dev/urandom | base64)"
  sed "s|local-dev=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=|local-dev=$key|" \
    "$REPO_ROOT/local.settings.sample.json" >"$app_dir/local.settings.json"
  log "created $app_dir/local.settings.json from local.settings.sample.json (edit it for your bot token and keys)"
fi

# The admin panel: same origin as the API through Vite's proxy, so no CORS is needed locally. It stops with this command.
npm_ci_if_stale "$REPO_ROOT/admin-web" "the admin panel's packages"
TT_API_URL="http://localhost:7071" setsid npm --prefix "$REPO_ROOT/admin-web" run dev -- --host 127.0.0.1 --port 5173 --strictPort \
  >"$STATE_DIR/admin-web.log" 2>&1 &
panel=$!
trap 'kill -- "-$panel" 2>/dev/null || true' EXIT
wait_for "the admin panel" 30 port_open 5173
log "admin panel: http://localhost:5173 (sign in with an admin made by src/TrustyTrade.AdminCli; log: .local/admin-web.log)"

if ! command -v func >/dev/null; then
  log "Azure Functions Core Tools v4 is missing; trying: npm install -g azure-functions-core-tools@4"
  as_root npm install -g azure-functions-core-tools@4 --unsafe-perm true --no-audit --no-fund --loglevel=error >&2 || true
  hash -r
fi
if ! command -v func >/dev/null || ! func --version >/dev/null 2>&1; then
  cat >&2 <<'MSG'

Cannot start the app: Azure Functions Core Tools v4 (`func`) is not installed, and installing it failed (see the
npm output above: its installer downloads the Functions host from Microsoft's CDN, which must be reachable).
Install Core Tools v4 by hand (https://learn.microsoft.com/azure/azure-functions/functions-run-local:
apt package azure-functions-core-tools-4 from Microsoft's repository, or `npm i -g azure-functions-core-tools@4`
where the CDN is reachable), then run this command again.
The services are running and the database is migrated; `scripts/services.sh stop` stops them.
MSG
  exit 3
fi

log "starting the Functions app (func start); http://localhost:7071/api/health answers when it is up"
cd "$app_dir"
func start --csharp
