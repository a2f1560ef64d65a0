// Optional Service Bus namespace with the integration-events topic. Messages carry MessageId = the event's id,
// so duplicate detection drops a re-published event. Local (SAS) auth is off: senders use Entra ID (the function
// app's identity gets Azure Service Bus Data Sender in functionapp.bicep, which knows its principal).
param location string
param tags object
param namespaceName string
param topicName string

@description('How long the topic remembers message ids for duplicate detection (ISO 8601 duration).')
param duplicateDetectionWindow string

@description('How long an undelivered message lives (ISO 8601 duration).')
param messageTimeToLive string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }

  resource topic 'topics' = {
    name: topicName
    properties: {
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
      defaultMessageTimeToLive: messageTimeToLive
      enablePartitioning: false
      supportOrdering: true
    }
  }
}

output namespaceName string = namespace.name
// e.g. sb-tt-abc.servicebus.windows.net: the host of the namespace's endpoint (https://…:443/).
output namespaceHost string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
output topicName string = namespace::topic.name
