// Key Vault in RBAC mode holding Neuvo's secrets. App Service reads them through Key Vault
// references (`@Microsoft.KeyVault(VaultName=…;SecretName=…)`) with the web app's system-assigned
// identity, which key-vault-access.bicep makes "Key Vault Secrets User" on this vault only.
// The secret values come in as secure parameters (Teams Toolkit's SECRET_* variables) and never
// appear in app settings, outputs or deployment history.

param baseName string
param location string
param tags object = {}

@secure()
param botPassword string
@secure()
param databaseUrl string
@description('Empty = Graph is not configured and no secret is stored.')
@secure()
param graphClientSecret string = ''

// Vault names are global, 3–24 characters.
var vaultName = take('kv-${baseName}-${uniqueString(resourceGroup().id, baseName)}', 24)

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-password'
  properties: {
    value: botPassword
    contentType: 'text/plain'
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    value: databaseUrl
    contentType: 'text/plain'
  }
}

resource graphSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(graphClientSecret)) {
  parent: vault
  name: 'graph-client-secret'
  properties: {
    value: graphClientSecret
    contentType: 'text/plain'
  }
}

output vaultName string = vault.name
output vaultId string = vault.id
output botPasswordSecretName string = botPasswordSecret.name
output databaseUrlSecretName string = databaseUrlSecret.name
output graphClientSecretName string = 'graph-client-secret'
