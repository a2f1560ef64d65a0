// The development environment (pipeline stage DeployDev). Secrets come from the deployer's environment
// (the pipeline maps them from the trustytrade-dev variable group); nothing secret is written here.
using '../main.bicep'

param environmentName = 'trustytrade-dev'
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
param staticWebAppLocation = 'westeurope'
param alertEmail = readEnvironmentVariable('ALERT_EMAIL')

param telegramBotToken = readEnvironmentVariable('TELEGRAM_BOT_TOKEN')
param telegramWebhookSecret = readEnvironmentVariable('TELEGRAM_WEBHOOK_SECRET')
param vaultKeys = readEnvironmentVariable('VAULT_KEYS')
param jwtSigningKey = readEnvironmentVariable('API_JWT_SIGNING_KEY')
param metricsScrapeKey = readEnvironmentVariable('METRICS_SCRAPE_KEY')
param chainHotWalletKey = readEnvironmentVariable('CHAIN_HOT_WALLET_KEY', '')
param postgresAdminPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')

param appSettings = {
  Vault__ActiveKeyId: readEnvironmentVariable('VAULT_ACTIVE_KEY_ID', 'key-1')
  Bot__SupportContact: '@TrustyTradeSupport'
}

// The smallest sizes: Burstable PostgreSQL, Basic Redis, scale from zero.
param postgresSkuName = 'Standard_B1ms'
param postgresSkuTier = 'Burstable'
param redisSkuName = 'Basic'
param redisSkuCapacity = 0
param functionMaximumInstanceCount = 40
param functionAlwaysReadyHttpInstances = 0
param keyVaultPurgeProtection = false
param enableServiceBus = false
