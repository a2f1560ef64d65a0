#!/bin/sh
# azd postdeploy hook: registers the bot with Telegram (webhook = the function app's URL + /api/telegram/webhook,
# with the webhook secret; command menu and descriptions) through the repository's set-up command,
# src/TrustyTrade.BotSetup. azd passes its environment: FUNCTION_APP_URL comes from the deployment's outputs,
# TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET from `azd env set` (the same values Key Vault got).
# POSIX sh: azure.yaml runs it with shell sh.
set -eu
cd "$(dirname "$0")/../.."

: "${FUNCTION_APP_URL:?FUNCTION_APP_URL is not in the azd environment: run azd provision first}"
: "${TELEGRAM_BOT_TOKEN:?set it with: azd env set TELEGRAM_BOT_TOKEN <token from BotFather>}"
: "${TELEGRAM_WEBHOOK_SECRET:?set it with: azd env set TELEGRAM_WEBHOOK_SECRET <32-256 of A-Z a-z 0-9 _ ->}"

# The set-up command reads the app's own setting names; the secrets travel in the environment, never as arguments.
Telegram__BotToken="$TELEGRAM_BOT_TOKEN" \
Telegram__WebhookSecret="$TELEGRAM_WEBHOOK_SECRET" \
Telegram__PublicBaseUrl="$FUNCTION_APP_URL" \
Telegram__ApiBaseUrl="https://api.telegram.org" \
  dotnet run --project src/TrustyTrade.BotSetup -c Release
