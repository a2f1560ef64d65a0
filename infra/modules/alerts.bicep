// Log alerts over Application Insights: the app's OpenTelemetry metrics land in customMetrics (name = the
// instrument's name, dimensions in customDimensions) and HTTP requests in requests. One action group mails the
// operators.
param location string
param tags object
param actionGroupName string
param appInsightsId string

@description('Where alerts are mailed.')
param alertEmail string

@description('Failed payments within 15 minutes that raise an alert.')
@minValue(1)
param paymentFailuresThreshold int

@description('Open disputes that count as a backlog.')
@minValue(1)
param openDisputesThreshold int

@description('Hours the oldest open dispute may wait before it counts as a backlog.')
@minValue(1)
param oldestDisputeHoursThreshold int

@description('Percent of HTTP requests answered 5xx within 5 minutes that raises an alert.')
@minValue(1)
@maxValue(100)
param http5xxPercentThreshold int

@description('Requests within 5 minutes below which the 5xx rate is not judged (one failure of two is no outage).')
@minValue(1)
param http5xxMinimumRequests int

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'trustytrade'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var rules = [
  {
    name: 'payment-failures'
    displayName: 'TrustyTrade: payments failing'
    description: 'trustytrade.payments.failed counted more failures than the threshold within 15 minutes (by method and reason).'
    severity: 1
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    query: 'customMetrics | where name == "trustytrade.payments.failed" | extend method = tostring(customDimensions["method"]), reason = tostring(customDimensions["reason"]) | summarize failures = sum(valueSum) by method, reason'
    measure: 'failures'
    aggregation: 'Total'
    dimensions: [
      'method'
      'reason'
    ]
    threshold: paymentFailuresThreshold - 1
  }
  {
    name: 'deals-past-deadline'
    displayName: 'TrustyTrade: deals stuck past a deadline'
    description: 'trustytrade.deals.past_deadline: deals whose payment, delivery or inspection deadline passed and the workflow has not moved them.'
    severity: 2
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    query: 'customMetrics | where name == "trustytrade.deals.past_deadline" | extend deadline = tostring(customDimensions["deadline"]) | summarize stuck = min(value) by deadline'
    measure: 'stuck'
    aggregation: 'Minimum'
    dimensions: [
      'deadline'
    ]
    threshold: 0
  }
  {
    name: 'dispute-backlog'
    displayName: 'TrustyTrade: dispute backlog'
    description: 'trustytrade.disputes.open above the threshold, or trustytrade.disputes.oldest_open_age older than the allowed hours.'
    severity: 2
    evaluationFrequency: 'PT15M'
    windowSize: 'PT30M'
    query: 'customMetrics | where name in ("trustytrade.disputes.open", "trustytrade.disputes.oldest_open_age") | summarize openDisputes = maxif(value, name == "trustytrade.disputes.open"), oldestSeconds = maxif(value, name == "trustytrade.disputes.oldest_open_age") | extend backlog = iff(openDisputes >= ${openDisputesThreshold} or oldestSeconds >= ${oldestDisputeHoursThreshold * 3600}, 1, 0)'
    measure: 'backlog'
    aggregation: 'Maximum'
    dimensions: []
    threshold: 0
  }
  {
    name: 'poison-queue'
    displayName: 'TrustyTrade: messages in a poison queue'
    description: 'trustytrade.queue.messages of a *-poison queue is above zero: messages failed every retry and wait for an operator.'
    severity: 2
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    query: 'customMetrics | where name == "trustytrade.queue.messages" | extend queue = tostring(customDimensions["queue"]) | where queue endswith "-poison" | summarize messages = max(value) by queue'
    measure: 'messages'
    aggregation: 'Maximum'
    dimensions: [
      'queue'
    ]
    threshold: 0
  }
  {
    name: 'http-5xx'
    displayName: 'TrustyTrade: HTTP 5xx rate'
    description: 'Share of HTTP requests answered with a 5xx status above the threshold (judged from the minimum number of requests).'
    severity: 1
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    query: 'requests | summarize total = count(), failed = countif(toint(resultCode) >= 500) | extend failedPercent = iff(total < ${http5xxMinimumRequests}, 0.0, 100.0 * failed / total)'
    measure: 'failedPercent'
    aggregation: 'Maximum'
    dimensions: []
    threshold: http5xxPercentThreshold
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in rules: {
  name: 'alert-trustytrade-${rule.name}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: rule.displayName
    description: rule.description
    severity: rule.severity
    enabled: true
    evaluationFrequency: rule.evaluationFrequency
    windowSize: rule.windowSize
    scopes: [
      appInsightsId
    ]
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: rule.aggregation
          metricMeasureColumn: rule.measure
          dimensions: [for dimension in rule.dimensions: {
            name: dimension
            operator: 'Include'
            values: [
              '*'
            ]
          }]
          operator: 'GreaterThan'
          threshold: rule.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}]

output actionGroupId string = actionGroup.id
output alertRuleNames array = [for (rule, i) in rules: alertRules[i].name]
