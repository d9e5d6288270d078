// Log Analytics workspace + workspace-based Application Insights, and (when an address is given)
// the alerts docs/operations.md "Monitoring" describes. The app writes JSON lines (pino) to stdout;
// App Service ships them to the workspace as AppServiceConsoleLogs (diagnostic setting in
// app-service.bicep), which is what the log alerts below query.

@description('Name prefix of the resources.')
param baseName string
param location string
param tags object = {}

@description('Days the workspace keeps logs (30 is included in the price; the register itself is the record, not the logs).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Where alerts are e-mailed; empty = no alerts are created.')
param alertEmail string = ''

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${baseName}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${baseName}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${baseName}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('neuvo${uniqueString(baseName)}', 12)
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

// One log alert per signal. Queries match the `event` field of Neuvo's JSON log lines
// (docs/operations.md "Logs"); ResultDescription holds the line as written.
var logAlerts = [
  {
    name: 'outbox-dead-letters'
    description: 'An outbox row was dead-lettered (outbox.dead): a meeting, message or mail will not go out until an operator requeues it.'
    severity: 2
    query: 'AppServiceConsoleLogs | where ResultDescription has \'"event":"outbox.dead"\''
    threshold: 0
  }
  {
    name: 'graph-failures'
    description: 'Microsoft Graph calls fail repeatedly (outbox.retry / outbox.dead with GraphError): throttling (429), missing permissions or access policies, or an outage.'
    severity: 2
    query: 'AppServiceConsoleLogs | where ResultDescription has \'"event":"outbox.\' and ResultDescription has \'"error":"GraphError"\''
    threshold: 10
  }
  {
    name: 'outbox-retries'
    description: 'Many outbox retries: Teams or Graph throttling (429/412/503) or a receiver that is down.'
    severity: 3
    query: 'AppServiceConsoleLogs | where ResultDescription has \'"event":"outbox.retry"\''
    threshold: 50
  }
  {
    name: 'not-ready'
    description: 'An instance answered /readyz with 503 (readyz.failed): the database does not answer.'
    severity: 1
    query: 'AppServiceConsoleLogs | where ResultDescription has \'"event":"readyz.failed"\''
    threshold: 0
  }
  {
    name: 'turn-failures'
    description: 'Turns fail with a bug or a broken dependency (turn.failed / route.failed / messages.failed).'
    severity: 2
    query: 'AppServiceConsoleLogs | where ResultDescription has_any (\'"event":"turn.failed"\', \'"event":"route.failed"\', \'"event":"messages.failed"\')'
    threshold: 5
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for alert in logAlerts: if (!empty(alertEmail)) {
    name: 'alert-${baseName}-${alert.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        workspace.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: alert.threshold
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
  }
]

output workspaceId string = workspace.id
output appInsightsConnectionString string = appInsights.properties.ConnectionString
