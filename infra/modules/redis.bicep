// Azure Cache for Redis, TLS only. Its StackExchange.Redis configuration carries the access key, so it goes to
// Key Vault only.
param location string
param tags object
param redisName string
param keyVaultName string

@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string

@allowed([
  'C'
  'P'
])
param skuFamily string

@minValue(0)
@maxValue(6)
param skuCapacity int

resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: redisName
  location: location
  tags: tags
  properties: {
    sku: {
      name: skuName
      family: skuFamily
      capacity: skuCapacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    redisVersion: '6'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource configuration 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'Redis--Configuration'
  properties: {
    contentType: 'text/plain'
    value: '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
}

output redisName string = redis.name
output redisHostName string = redis.properties.hostName
output configurationUri string = configuration.properties.secretUri
