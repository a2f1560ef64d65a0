#!/usr/bin/env bash
# Compiles the Azure templates: infra/main.bicep to ARM JSON (main.json) and each infra/env/*.bicepparam to its
# parameters file (NAME.parameters.json), into $STATE_DIR/bicep. The Bicep CLI comes from NuGet (restored by
# infra/tools/BicepCli.proj). A warning fails the build as an error does. Prints the output directory;
# scripts/test.sh exports it as TT_BICEP_OUT.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bicep_version=0.49.2
bicep="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/$bicep_version/tools/bicep"
if [ ! -x "$bicep" ]; then
  if [ ! -f "$bicep" ]; then
    log "installing the Bicep CLI $bicep_version (dotnet restore infra/tools/BicepCli.proj)"
    dotnet restore "$REPO_ROOT/infra/tools/BicepCli.proj" -nologo -verbosity:quiet >&2
  fi
  [ -f "$bicep" ] || die "the Bicep CLI was not restored to $bicep"
  chmod +x "$bicep"
fi

out_dir="$STATE_DIR/bicep"
rm -rf "$out_dir"
mkdir -p "$out_dir"

# Runs bicep and fails on any diagnostic, a warning included (bicep itself exits 0 on warnings).
bicep_strict() {
  local diagnostics
  diagnostics=$("$bicep" "$@" 2>&1) || { printf '%s\n' "$diagnostics" >&2; die "bicep $1 failed"; }
  if [ -n "$diagnostics" ]; then
    printf '%s\n' "$diagnostics" >&2
    die "bicep $1 reported warnings (they fail the build; a rule is lowered only in infra/bicepconfig.json)"
  fi
}

log "compiling infra/main.bicep (Bicep $bicep_version)"
bicep_strict build "$REPO_ROOT/infra/main.bicep" --outfile "$out_dir/main.json"

# The parameter files read secrets from the environment at build time. They are compiled here only to check
# them, so the secrets are placeholders of the right shape, never the caller's real ones.
for params in "$REPO_ROOT"/infra/env/*.bicepparam; do
  name=$(basename "$params" .bicepparam)
  log "compiling infra/env/$name.bicepparam"
  (
    export ALERT_EMAIL=ops@example.com \
      TELEGRAM_BOT_TOKEN=123456789:placeholder-token \
      TELEGRAM_WEBHOOK_SECRET=placeholder-webhook-secret-0123456789 \
      VAULT_KEYS="key-1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" \
      API_JWT_SIGNING_KEY=cGxhY2Vob2xkZXItand0LXNpZ25pbmcta2V5LTAxMjM0NTY3ODk= \
      METRICS_SCRAPE_KEY=placeholder-metrics-scrape-key-0123456789 \
      CHAIN_HOT_WALLET_KEY= \
      POSTGRES_ADMIN_PASSWORD=placeholder-password-0123
    bicep_strict build-params "$params" --outfile "$out_dir/$name.parameters.json"
  )
done
echo "$out_dir"
