// App Service plan (Linux) and the Neuvo web app: Node 22 LTS running the zip that
// `teamsapp deploy` uploads (WEBSITE_RUN_FROM_PACKAGE=1, set in app-settings.bicep), HTTPS only,
// TLS 1.2+, always on, health check on /readyz, a system-assigned identity for Key Vault, and
// autoscale between `minInstances` (2 or more) and `maxInstances`. Instances are stateless: only
// PostgreSQL is shared (docs/operations.md "Scaling").
//
// App settings are applied separately (app-settings.bicep) once the identity may read Key Vault,
// so the first start does not meet unresolvable Key Vault references.

param baseName string
param location string
param tags object = {}

@description('P1v3 (default) or larger for production; autoscale needs Standard (S1) or higher, VNet integration Basic or higher.')
param skuName string = 'P1v3'
@minValue(2)
param minInstances int = 2
@minValue(2)
param maxInstances int = 6

@description('Subnet delegated to Microsoft.Web/serverFarms for outbound VNet integration; empty = none.')
param appSubnetId string = ''
@description('Log Analytics workspace for console (JSON) logs, HTTP logs and platform logs.')
param workspaceId string

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'asp-${baseName}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: minInstances
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-${baseName}'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Stateless instances: no ARR affinity cookie, any instance takes any request.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    virtualNetworkSubnetId: empty(appSubnetId) ? null : appSubnetId
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // The compiled server (npm run build); migrations are compiled in and run at start.
      appCommandLine: 'node dist/index.js'
      alwaysOn: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // 200 only while the database answers; an instance failing it is taken out of the load balancer.
      healthCheckPath: '/readyz'
      vnetRouteAllEnabled: !empty(appSubnetId)
    }
  }
}

resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = {
  name: 'autoscale-${baseName}'
  location: location
  tags: tags
  properties: {
    enabled: true
    targetResourceUri: plan.id
    profiles: [
      {
        name: 'cpu'
        capacity: {
          minimum: string(minInstances)
          maximum: string(maxInstances)
          default: string(minInstances)
        }
        rules: [
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT10M'
              timeAggregation: 'Average'
              operator: 'GreaterThan'
              threshold: 70
            }
            scaleAction: {
              direction: 'Increase'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT10M'
            }
          }
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT20M'
              timeAggregation: 'Average'
              operator: 'LessThan'
              threshold: 30
            }
            scaleAction: {
              direction: 'Decrease'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT20M'
            }
          }
        ]
      }
    ]
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output siteName string = site.name
output siteId string = site.id
output defaultHostName string = site.properties.defaultHostName
output principalId string = site.identity.principalId
