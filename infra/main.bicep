// Neuvo in one Azure resource group (docs/deploy.md). Deployed by `teamsapp provision` (arm/deploy
// in teamsapp.yml) with main.parameters.json, whose ${{…}} placeholders Teams Toolkit fills from
// env/.env.<env> and env/.env.<env>.user. The outputs are written back to env/.env.<env> for the
// deploy step and the app package.
//
// NOT COMPILED HERE: our machines have no Bicep CLI and reach no Azure endpoint. Written against
// the resource types' published API versions; test/integration/infra.test.ts checks what can be
// checked without a compiler (parameters, env samples, app settings against config.ts, no secret
// literals). Run `az bicep build --file infra/main.bicep` (or `bicep lint`) before the first real
// deployment.
//
//   monitoring ──────────────┐
//   network (vnet mode) ─┐    │
//                        ├─ postgres ── key vault (secrets: bot-password, database-url, graph-client-secret)
//                        └─ app service (plan, web app, autoscale, diagnostics) ─┬─ bot (Azure Bot + Teams channel)
//                                                                               └─ key vault access ── app settings

targetScope = 'resourceGroup'

@description('Lower-case letters and digits, 3–16 characters, unique enough for global names (web app, PostgreSQL server): e.g. neuvodev7k2.')
@minLength(3)
@maxLength(16)
param resourceBaseName string

param location string = resourceGroup().location
param tags object = {
  app: 'neuvo'
}

// ── Bot ──────────────────────────────────────────────────────────────────────────────────────
@description('Client id of the bot\'s single-tenant Entra app (BOT_ID, from aadApp/create).')
param botAadAppClientId string
@description('Its client secret (SECRET_BOT_PASSWORD); stored in Key Vault only.')
@secure()
param botAadAppClientSecret string
@description('Tenant of the bot\'s Entra app (BOT_TENANT_ID).')
param botTenantId string = tenant().tenantId
param botDisplayName string = 'Neuvo'
@description('global, or a regional Bot Service location such as westeurope.')
param botServiceLocation string = 'global'
@description('Comma-separated Entra tenant ids whose activities are served; empty = the bot\'s tenant.')
param allowedTenantIds string = ''

// ── PostgreSQL ───────────────────────────────────────────────────────────────────────────────
param postgresAdministratorLogin string = 'neuvoadmin'
@description('SECRET_POSTGRES_ADMIN_PASSWORD; becomes part of DATABASE_URL in Key Vault only.')
@secure()
param postgresAdministratorPassword string
@description('vnet: private subnet, no public endpoint (default). public: public endpoint + "allow Azure services" firewall rule.')
@allowed([
  'vnet'
  'public'
])
param postgresNetworkMode string = 'vnet'
param postgresSkuName string = 'Standard_D2ds_v5'
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'GeneralPurpose'
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 14
@allowed([
  'Enabled'
  'Disabled'
])
param postgresGeoRedundantBackup string = 'Disabled'
@allowed([
  'Disabled'
  'ZoneRedundant'
  'SameZone'
])
param postgresHighAvailability string = 'Disabled'

// ── App Service ──────────────────────────────────────────────────────────────────────────────
param appServiceSku string = 'P1v3'
@minValue(2)
param minInstances int = 2
@minValue(2)
param maxInstances int = 6

// ── Neuvo settings ───────────────────────────────────────────────────────────────────────────
@description('GRAPH_CLIENT_ID; empty = Graph off.')
param graphClientId string = ''
@secure()
param graphClientSecret string = ''
param graphTenantId string = ''
param graphMailFrom string = ''
param extraMunicipalities string = ''
param logLevel string = 'info'
@description('AAD_APP_CLIENT_ID: the SSO app made by aadApp/create; empty = tab API off.')
param tabAadAppClientId string = ''
@description('REGISTER_SINKS (docs/register.md); empty = contacts stay in Neuvo only.')
param registerSinks string = ''
@description('E-mail for alerts (dead letters, Graph failures, readiness); empty = no alerts.')
param alertEmail string = ''

var isVnet = postgresNetworkMode == 'vnet'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    baseName: resourceBaseName
    location: location
    tags: tags
    alertEmail: alertEmail
  }
}

module network 'modules/network.bicep' = if (isVnet) {
  name: 'network'
  params: {
    baseName: resourceBaseName
    location: location
    tags: tags
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    baseName: resourceBaseName
    location: location
    tags: tags
    networkMode: postgresNetworkMode
    delegatedSubnetId: isVnet ? network.outputs.postgresSubnetId : ''
    privateDnsZoneId: isVnet ? network.outputs.privateDnsZoneId : ''
    administratorLogin: postgresAdministratorLogin
    administratorPassword: postgresAdministratorPassword
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    backupRetentionDays: postgresBackupRetentionDays
    geoRedundantBackup: postgresGeoRedundantBackup
    highAvailabilityMode: postgresHighAvailability
  }
}

// TLS with certificate and host name checks (the server's certificate chains to a public root in
// Node's store). The URL lives in Key Vault only.
var databaseUrl = 'postgresql://${uriComponent(postgresAdministratorLogin)}:${uriComponent(postgresAdministratorPassword)}@${postgres.outputs.fqdn}:5432/${postgres.outputs.databaseName}?sslmode=verify-full'

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    baseName: resourceBaseName
    location: location
    tags: tags
    botPassword: botAadAppClientSecret
    databaseUrl: databaseUrl
    graphClientSecret: graphClientSecret
  }
}

module appService 'modules/app-service.bicep' = {
  name: 'app-service'
  params: {
    baseName: resourceBaseName
    location: location
    tags: tags
    skuName: appServiceSku
    minInstances: minInstances
    maxInstances: maxInstances
    appSubnetId: isVnet ? network.outputs.appSubnetId : ''
    workspaceId: monitoring.outputs.workspaceId
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    baseName: resourceBaseName
    tags: tags
    location: botServiceLocation
    displayName: botDisplayName
    botAppId: botAadAppClientId
    botTenantId: botTenantId
    endpoint: 'https://${appService.outputs.defaultHostName}/api/messages'
  }
}

module keyVaultAccess 'modules/key-vault-access.bicep' = {
  name: 'key-vault-access'
  params: {
    vaultName: keyVault.outputs.vaultName
    principalId: appService.outputs.principalId
  }
}

module appSettings 'modules/app-settings.bicep' = {
  name: 'app-settings'
  params: {
    siteName: appService.outputs.siteName
    vaultName: keyVault.outputs.vaultName
    botPasswordSecretName: keyVault.outputs.botPasswordSecretName
    databaseUrlSecretName: keyVault.outputs.databaseUrlSecretName
    graphClientSecretName: keyVault.outputs.graphClientSecretName
    botAppId: botAadAppClientId
    botTenantId: botTenantId
    allowedTenantIds: allowedTenantIds
    extraMunicipalities: extraMunicipalities
    logLevel: logLevel
    graphClientId: graphClientId
    graphTenantId: graphTenantId
    graphMailFrom: graphMailFrom
    tabAadAppClientId: tabAadAppClientId
    registerSinks: registerSinks
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
  }
  dependsOn: [
    keyVaultAccess
  ]
}

// Written to env/.env.<env> by Teams Toolkit (output name = variable name).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = appService.outputs.siteId
output AZURE_WEB_APP_NAME string = appService.outputs.siteName
output BOT_DOMAIN string = appService.outputs.defaultHostName
output BOT_ENDPOINT string = 'https://${appService.outputs.defaultHostName}'
// The tab and its SSO app (aad.manifest.json) are served by the same web app.
output TAB_DOMAIN string = appService.outputs.defaultHostName
output TAB_ENDPOINT string = 'https://${appService.outputs.defaultHostName}'
output AZURE_BOT_NAME string = bot.outputs.botName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.vaultName
output AZURE_POSTGRES_SERVER_NAME string = postgres.outputs.serverName
