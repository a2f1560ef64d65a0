// The Functions app on the Flex Consumption plan (Linux, .NET isolated worker), its system-assigned identity's
// roles (storage, Key Vault, optionally Service Bus) and its app settings.
param location string
param tags object
param planName string
param functionAppName string
param storageAccountName string
param deploymentContainerUrl string
param keyVaultName string
param appInsightsConnectionString string

@description('Non-secret app settings (infra/app-settings.json merged with the environment\'s overrides).')
param settings object

@description('Versionless Key Vault secret URIs by app setting name (the secrets this app reads).')
param secretUris object

@description('Whether Key Vault holds Chain--HotWalletKey (it does when crypto payouts are configured).')
param hasHotWalletKey bool

@description('Service Bus namespace name for integration events; empty when Service Bus is off.')
param serviceBusNamespaceName string

@description('The namespace host (<ns>.servicebus.windows.net); empty when Service Bus is off.')
param serviceBusNamespaceHost string

param integrationEventsTopic string

@description('.NET version of the isolated worker.')
param dotnetVersion string

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances kept warm for HTTP triggers (0: scale from zero).')
@minValue(0)
param alwaysReadyHttpInstances int

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
}

// Blobs (deployment package, Durable leases and large messages), queues (triggers and Durable work items) and
// tables (Durable history and instances).
var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = if (!empty(serviceBusNamespaceName)) {
  name: serviceBusNamespaceName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyHttpInstances > 0 ? [
          {
            name: 'http'
            instanceCount: alwaysReadyHttpInstances
          }
        ] : []
      }
    }
  }
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: {
  name: guid(storage.id, functionApp.id, role)
  scope: storage
  properties: {
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionApp.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource serviceBusSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(serviceBusNamespaceName)) {
  name: guid(serviceBus.id, functionApp.id, roles.serviceBusDataSender)
  scope: serviceBus
  properties: {
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}

// Secrets are Key Vault references, resolved by the platform with the app's identity; no secret value is here.
var keyVaultSettings = {
  Telegram__BotToken: '@Microsoft.KeyVault(SecretUri=${secretUris.Telegram__BotToken})'
  Telegram__WebhookSecret: '@Microsoft.KeyVault(SecretUri=${secretUris.Telegram__WebhookSecret})'
  Vault__Keys: '@Microsoft.KeyVault(SecretUri=${secretUris.Vault__Keys})'
  Api__JwtSigningKey: '@Microsoft.KeyVault(SecretUri=${secretUris.Api__JwtSigningKey})'
  Metrics__ScrapeKey: '@Microsoft.KeyVault(SecretUri=${secretUris.Metrics__ScrapeKey})'
  Postgres__ConnectionString: '@Microsoft.KeyVault(SecretUri=${secretUris.Postgres__ConnectionString})'
  Redis__Configuration: '@Microsoft.KeyVault(SecretUri=${secretUris.Redis__Configuration})'
  // Empty while crypto payments are off: the app checks the key only when Chain__Enabled is true.
  Chain__HotWalletKey: hasHotWalletKey ? '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/Chain--HotWalletKey)' : ''
}

// Settings only Azure knows. AzureWebJobsStorage is identity-based (the account name, no key); the Flex plan
// takes the worker runtime from functionAppConfig, so FUNCTIONS_WORKER_RUNTIME is not set.
var platformSettings = {
  AzureWebJobsStorage__accountName: storage.name
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  Telegram__PublicBaseUrl: 'https://${functionApp.properties.defaultHostName}'
  IntegrationEvents__ServiceBusNamespace: serviceBusNamespaceHost
  IntegrationEvents__Topic: integrationEventsTopic
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(settings, platformSettings, keyVaultSettings)
  // The host restarts with these settings: the identity's roles must exist first, or it can't read its storage
  // or resolve the Key Vault references.
  dependsOn: [
    storageRoleAssignments
    secretsUser
    serviceBusSender
  ]
}

output functionAppName string = functionApp.name
output functionAppId string = functionApp.id
output functionAppUrl string = 'https://${functionApp.properties.defaultHostName}'
output principalId string = functionApp.identity.principalId
