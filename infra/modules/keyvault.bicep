// Key Vault (RBAC authorization) with the app's secrets that come from the deployer. The database and Redis
// connection strings are written by their own modules, which know the host names and keys.
// Secret names are the app setting names with "__" spelled "--" (Key Vault allows letters, digits and dashes).
param location string
param tags object
param keyVaultName string

@description('Purge protection cannot be turned off once on: true for production.')
param enablePurgeProtection bool

@secure()
param telegramBotToken string

@secure()
param telegramWebhookSecret string

@secure()
param vaultKeys string

@secure()
param jwtSigningKey string

@secure()
param metricsScrapeKey string

@description('The chain hot wallet key; empty while crypto payments are off (then no secret is written).')
@secure()
param chainHotWalletKey string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Purge protection accepts only true or absent.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource botToken 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'Telegram--BotToken'
  properties: {
    value: telegramBotToken
    contentType: 'text/plain'
  }
}

resource webhookSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'Telegram--WebhookSecret'
  properties: {
    value: telegramWebhookSecret
    contentType: 'text/plain'
  }
}

resource vaultKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'Vault--Keys'
  properties: {
    value: vaultKeys
    contentType: 'text/plain'
  }
}

resource jwtKey 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'Api--JwtSigningKey'
  properties: {
    value: jwtSigningKey
    contentType: 'text/plain'
  }
}

resource scrapeKey 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'Metrics--ScrapeKey'
  properties: {
    value: metricsScrapeKey
    contentType: 'text/plain'
  }
}

resource hotWalletKey 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(chainHotWalletKey)) {
  parent: vault
  name: 'Chain--HotWalletKey'
  properties: {
    value: chainHotWalletKey
    contentType: 'text/plain'
  }
}

output keyVaultName string = vault.name
output keyVaultUri string = vault.properties.vaultUri
// Versionless secret URIs: a Key Vault reference without a version follows the newest one.
output secretUris object = {
  Telegram__BotToken: botToken.properties.secretUri
  Telegram__WebhookSecret: webhookSecret.properties.secretUri
  Vault__Keys: vaultKeySecret.properties.secretUri
  Api__JwtSigningKey: jwtKey.properties.secretUri
  Metrics__ScrapeKey: scrapeKey.properties.secretUri
}
