// The web app's settings: every variable src/config/config.ts reads in production, secrets as Key
// Vault references. Applied after the identity was granted "Key Vault Secrets User", so App Service
// can resolve the references when it restarts the app with these settings.
//
// Not set, on purpose: PORT (App Service sets it), NEUVO_DATA_DIR (SQLite only; DATABASE_URL is
// set), the BOT_OPENID_METADATA_URL / BOT_TOKEN_ISSUER / BOT_LOGIN_URL / BOT_OAUTH_SCOPE overrides
// and GRAPH_BASE_URL / GRAPH_AUTHORITY / TAB_SSO_* (tests only: production uses Microsoft's
// endpoints, the defaults). test/integration/infra.test.ts keeps this list and config.ts in step.
//
// The register tokens named by REGISTER_SINKS' tokenSetting are not set here: each municipality's
// token is a Key Vault secret whose reference the operator adds as its own app setting
// (docs/deploy.md, "Municipal registers"), so this template never sees a register credential.

param siteName string
param vaultName string
param botPasswordSecretName string
param databaseUrlSecretName string
param graphClientSecretName string

param botAppId string
param botTenantId string
@description('Comma-separated tenant ids served; empty = the bot\'s own tenant only.')
param allowedTenantIds string = ''
param extraMunicipalities string = ''
param logLevel string = 'info'
param outboxPollMs int = 1000
param outboxMaxAttempts int = 8
@description('Office-time minutes an unclaimed question to the experts waits before the on-duty backup is called in (docs/experts.md).')
param expertClaimMinutes int = 60
param expertUrgentClaimMinutes int = 15
@description('Retention (docs/privacy.md "How long"): days an intake is kept after the last appointment; the client register\'s period from the records plan; per-municipality periods as liperi=3650,outokumpu=2190.')
param retentionIntakeDays int = 30
param retentionRegisterDays int = 2190
param retentionRegisterDaysByMunicipality string = ''

@description('Empty = Graph is off (meeting rows wait in the outbox as dead letters until it is configured).')
param graphClientId string = ''
param graphTenantId string = ''
param graphMailFrom string = ''

@description('The SSO Entra app\'s client id (aad.manifest.json); empty = the tab API stays off (503).')
param tabAadAppClientId string = ''
@description('REGISTER_SINKS: JSON array of the municipalities\' registers (docs/register.md); empty = none.')
param registerSinks string = ''

param appInsightsConnectionString string

resource site 'Microsoft.Web/sites@2023-12-01' existing = {
  name: siteName
}

var kvRef = 'VaultName=${vaultName};SecretName='

var neuvoSettings = {
  NEUVO_MODE: 'production'
  HOST: '0.0.0.0'
  BOT_ID: botAppId
  BOT_PASSWORD: '@Microsoft.KeyVault(${kvRef}${botPasswordSecretName})'
  BOT_TENANT_ID: botTenantId
  BOT_TYPE: 'SingleTenant'
  ALLOWED_TENANT_IDS: empty(allowedTenantIds) ? botTenantId : allowedTenantIds
  DATABASE_URL: '@Microsoft.KeyVault(${kvRef}${databaseUrlSecretName})'
  NEUVO_SEED_DEMO_DATA: 'false'
  NEUVO_EXTRA_MUNICIPALITIES: extraMunicipalities
  LOG_LEVEL: empty(logLevel) ? 'info' : logLevel
  OUTBOX_POLL_MS: string(outboxPollMs)
  OUTBOX_MAX_ATTEMPTS: string(outboxMaxAttempts)
  EXPERT_CLAIM_MINUTES: string(expertClaimMinutes)
  EXPERT_URGENT_CLAIM_MINUTES: string(expertUrgentClaimMinutes)
  RETENTION_INTAKE_DAYS: string(retentionIntakeDays)
  RETENTION_REGISTER_DAYS: string(retentionRegisterDays)
  RETENTION_REGISTER_DAYS_BY_MUNICIPALITY: retentionRegisterDaysByMunicipality
  RETENTION_PURGE_INTERVAL_HOURS: '24'
}

// Only with Graph on: config.ts refuses GRAPH_CLIENT_SECRET without GRAPH_CLIENT_ID, and an
// unresolvable Key Vault reference would reach the app as its literal text.
var graphSettings = empty(graphClientId)
  ? {}
  : {
      GRAPH_CLIENT_ID: graphClientId
      GRAPH_CLIENT_SECRET: '@Microsoft.KeyVault(${kvRef}${graphClientSecretName})'
      GRAPH_TENANT_ID: empty(graphTenantId) ? botTenantId : graphTenantId
      GRAPH_MAIL_FROM: graphMailFrom
    }

// The tab's SSO audience is api://<this web app's host>/<SSO app id>, the identifierUri that
// aadApp/update gives the SSO app after this deployment (teamsapp.yml).
var tabSettings = empty(tabAadAppClientId)
  ? {}
  : {
      TAB_APP_ID_URI: 'api://${site.properties.defaultHostName}/${tabAadAppClientId}'
    }

// Only when configured: config.ts validates the JSON, and a graph_list entry needs Graph on.
var registerSettings = empty(registerSinks)
  ? {}
  : {
      REGISTER_SINKS: registerSinks
    }

var platformSettings = {
  // Zip deploy mounts the uploaded package read-only as wwwroot: the code of every instance is
  // exactly the zip, and nothing is built on the server.
  WEBSITE_RUN_FROM_PACKAGE: '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  WEBSITE_HEALTHCHECK_MAXPINGFAILURES: '3'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
}

resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: union(platformSettings, neuvoSettings, graphSettings, tabSettings, registerSettings)
}
