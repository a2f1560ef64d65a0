// The admin panel (admin-web/dist) as a Static Web App, with the Function App linked as its backend: the panel's
// /api (admin-web/public/config.json: apiBaseUrl "/api") reaches the functions on the panel's own origin.
@description('Static Web Apps run in a few regions only (e.g. westeurope, eastus2, centralus, westus2, eastasia).')
param location string
param tags object
param staticWebAppName string
param functionAppId string
param functionAppLocation string

resource staticWebApp 'Microsoft.Web/staticSites@2024-04-01' = {
  name: staticWebAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'admin' })
  // Standard: linked backends need it.
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // Deployed from the pipeline or azd with the deployment token, not from a linked repository.
    provider: 'None'
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Enabled'
  }
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: staticWebApp
  name: 'functions'
  properties: {
    backendResourceId: functionAppId
    region: functionAppLocation
  }
}

output staticWebAppName string = staticWebApp.name
output staticWebAppUrl string = 'https://${staticWebApp.properties.defaultHostname}'
