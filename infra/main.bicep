// TrustyTrade on Azure: one resource group per environment (rg-<environmentName>) holding the Functions app
// (Flex Consumption), its storage, PostgreSQL, Redis, Key Vault, the admin panel's Static Web App, monitoring with
// alerts, and optionally a Service Bus topic for integration events.
// Deployed by azd (main.parameters.json) or the pipeline (env/<environment>.bicepparam).
targetScope = 'subscription'

@description('Environment name (dev, prod…): names the resource group and seeds the resource names.')
@minLength(1)
@maxLength(20)
param environmentName string

@description('Region of every resource but the Static Web App.')
param location string

@description('Static Web Apps run in a few regions only.')
@allowed([
  'westeurope'
  'eastus2'
  'centralus'
  'westus2'
  'eastasia'
])
param staticWebAppLocation string = 'westeurope'

@description('Where alerts are mailed.')
param alertEmail string

// Secrets: from the deployer's environment (readEnvironmentVariable in env/*.bicepparam, azd's environment in
// main.parameters.json); written to Key Vault, never to outputs.
@description('The bot\'s token from BotFather.')
@secure()
param telegramBotToken string

@description('Telegram\'s X-Telegram-Bot-Api-Secret-Token: 32–256 of A–Z a–z 0–9 _ -.')
@secure()
@minLength(32)
param telegramWebhookSecret string

@description('Credential vault keys: keyId=base64(32 bytes) pairs, comma-separated; must hold Vault__ActiveKeyId.')
@secure()
param vaultKeys string

@description('HS256 key of the API\'s tokens: base64 of at least 32 random bytes.')
@secure()
param jwtSigningKey string

@description('Bearer key Prometheus presents to /api/metrics (the app refuses to start with a shorter one).')
@secure()
@minLength(32)
param metricsScrapeKey string

@description('The chain hot wallet\'s private key (64 hex digits); empty while crypto payments are off.')
@secure()
param chainHotWalletKey string = ''

@description('PostgreSQL administrator password (the app signs in as this administrator).')
@secure()
@minLength(12)
param postgresAdminPassword string

param postgresAdminLogin string = 'trustytrade'

@description('Non-secret app settings that differ from infra/app-settings.json (the production defaults).')
param appSettings object = {}

// Sizing: the defaults are a small development environment; env/prod.bicepparam raises them.
param storageSkuName string = 'Standard_LRS'
param postgresSkuName string = 'Standard_B1ms'
param postgresSkuTier string = 'Burstable'
param postgresStorageSizeGB int = 32
param postgresBackupRetentionDays int = 7
param postgresHighAvailabilityMode string = 'Disabled'
param redisSkuName string = 'Basic'
param redisSkuFamily string = 'C'
param redisSkuCapacity int = 0
param functionInstanceMemoryMB int = 2048
param functionMaximumInstanceCount int = 40
param functionAlwaysReadyHttpInstances int = 0
param logRetentionInDays int = 30
param keyVaultPurgeProtection bool = false

@description('Publish integration events to a Service Bus topic (integration-events).')
param enableServiceBus bool = false

param paymentFailuresThreshold int = 5
param openDisputesThreshold int = 20
param oldestDisputeHoursThreshold int = 48
param http5xxPercentThreshold int = 5
param http5xxMinimumRequests int = 20

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'trustytrade'
}
var integrationEventsTopic = 'integration-events'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    workspaceName: 'log-tt-${resourceToken}'
    appInsightsName: 'appi-tt-${resourceToken}'
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    storageAccountName: 'sttt${resourceToken}'
    deploymentContainerName: 'app-package'
    skuName: storageSkuName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    keyVaultName: 'kv-tt-${resourceToken}'
    enablePurgeProtection: keyVaultPurgeProtection
    telegramBotToken: telegramBotToken
    telegramWebhookSecret: telegramWebhookSecret
    vaultKeys: vaultKeys
    jwtSigningKey: jwtSigningKey
    metricsScrapeKey: metricsScrapeKey
    chainHotWalletKey: chainHotWalletKey
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    serverName: 'psql-tt-${resourceToken}'
    keyVaultName: keyVault.outputs.keyVaultName
    databaseName: 'trustytrade'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    backupRetentionDays: postgresBackupRetentionDays
    highAvailabilityMode: postgresHighAvailabilityMode
  }
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    redisName: 'redis-tt-${resourceToken}'
    keyVaultName: keyVault.outputs.keyVaultName
    skuName: redisSkuName
    skuFamily: redisSkuFamily
    skuCapacity: redisSkuCapacity
  }
}

module serviceBus 'modules/servicebus.bicep' = if (enableServiceBus) {
  name: 'servicebus'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    namespaceName: 'sb-tt-${resourceToken}'
    topicName: integrationEventsTopic
    duplicateDetectionWindow: 'PT1H'
    messageTimeToLive: 'P14D'
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    planName: 'plan-tt-${resourceToken}'
    functionAppName: 'func-tt-${resourceToken}'
    storageAccountName: storage.outputs.storageAccountName
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    keyVaultName: keyVault.outputs.keyVaultName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    settings: union(loadJsonContent('app-settings.json'), appSettings)
    secretUris: union(keyVault.outputs.secretUris, {
      Postgres__ConnectionString: postgres.outputs.connectionStringUri
      Redis__Configuration: redis.outputs.configurationUri
    })
    hasHotWalletKey: !empty(chainHotWalletKey)
    serviceBusNamespaceName: enableServiceBus ? serviceBus!.outputs.namespaceName : ''
    serviceBusNamespaceHost: enableServiceBus ? serviceBus!.outputs.namespaceHost : ''
    integrationEventsTopic: integrationEventsTopic
    dotnetVersion: '10.0'
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
    alwaysReadyHttpInstances: functionAlwaysReadyHttpInstances
  }
}

module staticWebApp 'modules/staticwebapp.bicep' = {
  name: 'staticwebapp'
  scope: resourceGroup
  params: {
    location: staticWebAppLocation
    tags: tags
    staticWebAppName: 'stapp-tt-${resourceToken}'
    functionAppId: functionApp.outputs.functionAppId
    functionAppLocation: location
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    actionGroupName: 'ag-tt-${resourceToken}'
    appInsightsId: monitoring.outputs.appInsightsId
    alertEmail: alertEmail
    paymentFailuresThreshold: paymentFailuresThreshold
    openDisputesThreshold: openDisputesThreshold
    oldestDisputeHoursThreshold: oldestDisputeHoursThreshold
    http5xxPercentThreshold: http5xxPercentThreshold
    http5xxMinimumRequests: http5xxMinimumRequests
  }
}

// Names and addresses only: no secret leaves the deployment. azd reads these into its environment.
output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output FUNCTION_APP_NAME string = functionApp.outputs.functionAppName
output FUNCTION_APP_URL string = functionApp.outputs.functionAppUrl
output TELEGRAM_WEBHOOK_URL string = '${functionApp.outputs.functionAppUrl}/api/telegram/webhook'
output STATIC_WEB_APP_NAME string = staticWebApp.outputs.staticWebAppName
output STATIC_WEB_APP_URL string = staticWebApp.outputs.staticWebAppUrl
output KEY_VAULT_NAME string = keyVault.outputs.keyVaultName
output POSTGRES_SERVER_NAME string = postgres.outputs.serverName
output REDIS_NAME string = redis.outputs.redisName
output STORAGE_ACCOUNT_NAME string = storage.outputs.storageAccountName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
output SERVICE_BUS_NAMESPACE string = enableServiceBus ? serviceBus!.outputs.namespaceHost : ''
