#!/usr/bin/env bash
# The whole test suite, on a fresh machine too: installs what is missing (apt, npm, NuGet), starts PostgreSQL,
# Redis, Azurite and the ganache dev chain on loopback, compiles the test token and the Bicep templates, builds with
# warnings as errors and runs every test project.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Health").
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

started=$SECONDS
command -v dotnet >/dev/null || die "the .NET SDK (global.json names the version) is needed: https://dot.net"
"$REPO_ROOT/scripts/services.sh" start
# The dev chain's test token, compiled from infra/chain (skipped when up to date); DevChain deploys it from here.
TT_CONTRACTS_DIR=$("$REPO_ROOT/scripts/compile-contracts.sh")
export TT_CONTRACTS_DIR
# The Azure templates (infra/main.bicep and infra/env/*.bicepparam) compiled to ARM JSON, warnings failing the build;
# the deployment tests read them from here.
TT_BICEP_OUT=$("$REPO_ROOT/scripts/compile-bicep.sh")
export TT_BICEP_OUT
export_local_settings
export Postgres__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=${PG_DATABASE}_test;Username=$PG_USER;Password=$PG_PASSWORD"
# A fresh vault key per run: nothing the tests seal has to outlive it.
export Vault__ActiveKeyId="test" Vault__Keys="test=$(head -c 32 /dev/urandom | base64)"

# The admin panel's browser tests (tests/TrustyTrade.IntegrationTests/AdminWeb): the built panel, Debian's Chromium
# (with an emoji font, for the ⭐ of Stars in screenshots) and playwright-core to drive it.
build_admin_web
apt_install chromium fonts-noto-color-emoji
npm_ci_if_stale "$REPO_ROOT/tests/admin-web" "playwright-core for the browser tests"

log "building (Release, warnings are errors)"
dotnet build TrustyTrade.sln -c Release -nologo -clp:"Summary;ErrorsOnly" -warnaserror

results="$STATE_DIR/test-results"
rm -rf "$results"
log "running tests"
set +e
dotnet test TrustyTrade.sln -c Release --no-build -nologo --results-directory "$results" \
  --logger "trx" "$@" 2>&1 | tee "$STATE_DIR/test-output.log"
code=${PIPESTATUS[0]}
set -e

# One plain closing line over every test project: "N passed, N failed, N skipped".
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
       }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' \
  <(sed 's/,/ /g' "$STATE_DIR/test-output.log")
log "test command took $((SECONDS - started))s"
exit "$code"
