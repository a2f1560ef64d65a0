// The production environment (pipeline stage DeployProd, behind the trustytrade-prod environment's approvals).
// Secrets come from the deployer's environment (the pipeline maps them from the trustytrade-prod variable group).
using '../main.bicep'

param environmentName = 'trustytrade-prod'
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
}

// Zone-redundant storage and database, Standard (replicated) Redis, one instance kept warm for the webhook.
param storageSkuName = 'Standard_ZRS'
param postgresSkuName = 'Standard_D2ds_v5'
param postgresSkuTier = 'GeneralPurpose'
param postgresStorageSizeGB = 64
param postgresBackupRetentionDays = 35
param postgresHighAvailabilityMode = 'ZoneRedundant'
param redisSkuName = 'Standard'
param redisSkuCapacity = 1
param functionMaximumInstanceCount = 100
param functionAlwaysReadyHttpInstances = 1
param logRetentionInDays = 90
param keyVaultPurgeProtection = true
param enableServiceBus = false

param paymentFailuresThreshold = 3
param openDisputesThreshold = 20
param oldestDisputeHoursThreshold = 24
