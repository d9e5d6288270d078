// Azure Database for PostgreSQL Flexible Server 16 with Neuvo's database.
//
// - `azure.extensions` allow-lists BTREE_GIST: the no-double-booking exclusion constraint needs it,
//   and the booking migration runs `create extension if not exists btree_gist` (ADR 6). The
//   administrator login may create allow-listed extensions; a less privileged app role could not.
// - Network: 'vnet' (default) puts the server in a delegated subnet with no public endpoint
//   (network.bicep); 'public' keeps a public endpoint with TLS required and ONE firewall rule,
//   "allow Azure services" (0.0.0.0), which admits any Azure-hosted client, ours and other
//   customers' alike, so the password is then the only barrier (docs/deploy.md, "Database network").
// - Backups: automatic, point-in-time restore within `backupRetentionDays` (docs/operations.md).

param baseName string
param location string
param tags object = {}

@allowed([
  'vnet'
  'public'
])
param networkMode string = 'vnet'
@description('Subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers (vnet mode).')
param delegatedSubnetId string = ''
@description('Private DNS zone *.postgres.database.azure.com linked to the VNet (vnet mode).')
param privateDnsZoneId string = ''

param administratorLogin string
@secure()
param administratorPassword string

@description('Compute SKU: Standard_B1ms (Burstable) suits a pilot; Standard_D2ds_v5 (GeneralPurpose) production.')
param skuName string = 'Standard_D2ds_v5'
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string = 'GeneralPurpose'
param storageSizeGB int = 32
@minValue(7)
@maxValue(35)
param backupRetentionDays int = 14
@allowed([
  'Enabled'
  'Disabled'
])
param geoRedundantBackup string = 'Disabled'
@allowed([
  'Disabled'
  'ZoneRedundant'
  'SameZone'
])
param highAvailabilityMode string = 'Disabled'

param databaseName string = 'neuvo'

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'psql-${baseName}'
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: '16'
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: geoRedundantBackup
    }
    highAvailability: {
      mode: highAvailabilityMode
    }
    network: networkMode == 'vnet'
      ? {
          delegatedSubnetResourceId: delegatedSubnetId
          privateDnsZoneArmResourceId: privateDnsZoneId
          publicNetworkAccess: 'Disabled'
        }
      : {
          publicNetworkAccess: 'Enabled'
        }
  }
}

// Server parameter changes and child resources are applied one at a time (a busy server refuses
// concurrent updates), hence the dependsOn chain below.
resource extensions 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'azure.extensions'
  properties: {
    value: 'BTREE_GIST'
    source: 'user-override'
  }
}

resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (networkMode == 'public') {
  parent: server
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
  dependsOn: [
    extensions
  ]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    extensions
    allowAzureServices
  ]
}

output serverName string = server.name
output fqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
